"""The canonical list of compute microversions (compute.api.microversion).
"""

import re

import testtools

from fakenova.compute.api import microversion

FORMAT = re.compile(r'^([1-9]\d*)\.([1-9]\d*|0)$')


def _environ(version):
    return {'HTTP_OPENSTACK_API_VERSION': 'compute %s' % version}


class TestVersionList(testtools.TestCase):

    def test_every_entry_is_well_formed(self):
        for version in microversion.VERSIONS:
            self.assertIsInstance(version, str)
            self.assertIsNotNone(FORMAT.match(version), version)

    def test_starts_at_2_1(self):
        self.assertEqual('2.1', microversion.VERSIONS[0])

    def test_contiguous_ordered_unique(self):
        versions = microversion.VERSIONS
        self.assertEqual(len(versions), len(set(versions)))
        parsed = [microversion.parse(v) for v in versions]
        self.assertEqual(sorted(parsed), parsed)
        expected = ['2.%d' % minor for minor in range(1, len(versions) + 1)]
        self.assertEqual(expected, versions)

    def test_min_max_follow_list(self):
        first = microversion.VERSIONS[0]
        last = microversion.VERSIONS[-1]
        self.assertEqual(first, microversion.MIN_VERSION_STRING)
        self.assertEqual(last, microversion.MAX_VERSION_STRING)
        self.assertEqual(microversion.parse(first), microversion.MIN_VERSION)
        self.assertEqual(microversion.parse(last), microversion.MAX_VERSION)
        self.assertIsInstance(microversion.MIN_VERSION, tuple)
        self.assertIsInstance(microversion.MAX_VERSION, tuple)
        self.assertEqual(microversion.MIN_VERSION,
                         microversion.DEFAULT_VERSION)

    def test_negotiate_accepts_every_listed_version(self):
        for version in microversion.VERSIONS:
            self.assertEqual(microversion.parse(version),
                             microversion.negotiate(_environ(version)))

    def test_negotiate_latest_is_last_listed(self):
        self.assertEqual(microversion.parse(microversion.VERSIONS[-1]),
                         microversion.negotiate(_environ('latest')))

    def test_negotiate_refuses_version_after_last(self):
        major, minor = microversion.parse(microversion.VERSIONS[-1])
        beyond = '%d.%d' % (major, minor + 1)
        err = self.assertRaises(microversion.NotAcceptable,
                                microversion.negotiate, _environ(beyond))
        self.assertEqual(406, err.code)
        self.assertEqual((major, minor + 1), err.version)

    def test_negotiation_is_the_same_when_asked_again(self):
        # Answers are memoized per header values; refusals are not: each
        # request gets an exception of its own, with the same content.
        for _ in range(2):
            self.assertEqual((2, 79), microversion.negotiate(
                {'HTTP_OPENSTACK_API_VERSION': 'compute 2.79'}))
            self.assertEqual((2, 3), microversion.negotiate(
                {'HTTP_X_OPENSTACK_NOVA_API_VERSION': '2.3'}))
            # The standard header wins over the legacy one.
            self.assertEqual((2, 79), microversion.negotiate(
                {'HTTP_OPENSTACK_API_VERSION': 'compute 2.79',
                 'HTTP_X_OPENSTACK_NOVA_API_VERSION': '2.3'}))
            # Another service's version is no compute version.
            self.assertEqual(microversion.DEFAULT_VERSION,
                             microversion.negotiate(
                                 {'HTTP_OPENSTACK_API_VERSION': 'volume 3.1'}))
        errors = [self.assertRaises(microversion.NotAcceptable,
                                    microversion.negotiate,
                                    _environ('3.0')) for _ in range(2)]
        self.assertIsNot(errors[0], errors[1])
        self.assertEqual(errors[0].message, errors[1].message)
        self.assertEqual((3, 0), errors[1].version)
        errors = [self.assertRaises(microversion.InvalidVersion,
                                    microversion.negotiate,
                                    _environ('2.x')) for _ in range(2)]
        self.assertIsNot(errors[0], errors[1])
        self.assertEqual(errors[0].message, errors[1].message)
