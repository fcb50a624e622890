"""The request-id and body-size filters, as oslo.middleware's behave."""

from oslo_middleware import request_id
import testtools
import webob

from fakenova.common import middleware


def _app(headers):
    def app(environ, start_response):
        start_response('200 OK', list(headers))
        return [environ[request_id.ENV_REQUEST_ID].encode()]
    return app


class ComputeRequestIdTest(testtools.TestCase):

    def _get(self, headers):
        filtered = middleware.request_id_filter_factory({})(_app(headers))
        return webob.Request.blank('/').get_response(filtered)

    def test_adds_both_headers(self):
        resp = self._get([('Content-Length', '40')])
        req_id = resp.body.decode()
        self.assertRegex(req_id, request_id.ID_FORMAT)
        self.assertEqual(req_id, resp.headers['x-openstack-request-id'])
        self.assertEqual(req_id, resp.headers['x-compute-request-id'])

    def test_keeps_what_the_app_sent_in_any_case(self):
        resp = self._get([('X-OpenStack-Request-Id', 'req-app'),
                          ('Content-Length', '40')])
        self.assertEqual(['req-app'],
                         resp.headers.getall('x-openstack-request-id'))
        self.assertEqual(resp.body.decode(),
                         resp.headers['x-compute-request-id'])

    def test_a_longer_name_is_not_the_header(self):
        resp = self._get([('X-Compute-Request-Id-Old', 'old'),
                          ('X-OpenStack-Request', 'short')])
        self.assertEqual(resp.body.decode(),
                         resp.headers['x-compute-request-id'])
        self.assertEqual(resp.body.decode(),
                         resp.headers['x-openstack-request-id'])
        self.assertEqual('old', resp.headers['x-compute-request-id-old'])

    def test_inbound_global_request_id(self):
        seen = {}

        def app(environ, start_response):
            seen.update(environ)
            start_response('200 OK', [])
            return [b'']
        filtered = middleware.request_id_filter_factory({})(app)
        for value, kept in (('req-%s' % ('1' * 8 + '-' + '2' * 4 + '-'
                                         + '3' * 4 + '-' + '4' * 4 + '-'
                                         + '5' * 12), True),
                            ('not-an-id', False)):
            seen.clear()
            req = webob.Request.blank('/')
            req.headers['X-OpenStack-Request-Id'] = value
            req.get_response(filtered)
            self.assertEqual(kept, seen.get(request_id.GLOBAL_REQ_ID)
                             == value)
