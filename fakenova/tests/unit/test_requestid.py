"""Request ids: oslo.context's form, made from pooled random bytes."""

import re
import threading
import uuid

from oslo_middleware import request_id
import testtools

from fakenova.common import requestid


class RequestIdTest(testtools.TestCase):

    def test_form_is_oslo_contexts(self):
        pattern = re.compile(request_id.ID_FORMAT)
        # More ids than one pool of random bytes holds.
        ids = [requestid.generate_request_id() for _ in range(1000)]
        for value in ids:
            self.assertIsNotNone(pattern.match(value), value)
            parsed = uuid.UUID(value[len('req-'):])
            self.assertEqual(4, parsed.version)
            self.assertEqual(uuid.RFC_4122, parsed.variant)
            self.assertEqual('req-' + str(parsed), value)
        self.assertEqual(len(ids), len(set(ids)))
        # The variant digit keeps its two random bits, as uuid4's.
        self.assertEqual({'8', '9', 'a', 'b'},
                         {value[len('req-') + 19] for value in ids})

    def test_threads_get_distinct_ids(self):
        found = []

        def work():
            found.extend(requestid.generate_request_id()
                         for _ in range(500))
        threads = [threading.Thread(target=work) for _ in range(4)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        self.assertEqual(2000, len(set(found)))

    def test_fork_forgets_the_pool(self):
        requestid.generate_request_id()
        self.assertNotEqual('', requestid._pool[0])
        requestid._forget_pool()
        self.assertEqual(['', 0], requestid._pool)
        self.assertIsNotNone(re.match(request_id.ID_FORMAT,
                                      requestid.generate_request_id()))
