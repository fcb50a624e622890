"""The request context: a request's is the one oslo.context's makes."""

from oslo_context import context as oslo_context
import testtools

from fakenova import context


class ForRequestTest(testtools.TestCase):

    def _both(self, **kwargs):
        made = context.RequestContext(**kwargs)
        fast = context.RequestContext.for_request(**kwargs)
        return made, fast

    def test_same_attributes_as_the_constructor(self):
        made, fast = self._both(
            user_id='u1', project_id='p1', roles=['member', 'reader'],
            request_id='req-1', global_request_id='req-g',
            user_name='alice', project_name='demo')
        self.assertEqual(made.__dict__, fast.__dict__)
        self.assertEqual(made.to_policy_values(), fast.to_policy_values())
        self.assertEqual(made.to_dict(), fast.to_dict())

    def test_defaults_as_the_constructor(self):
        made, fast = self._both(user_id='u1', project_id=None, roles=None,
                                request_id='req-2')
        self.assertEqual(made.__dict__, fast.__dict__)
        self.assertEqual([], fast.roles)

    def test_lists_are_not_shared(self):
        first = context.RequestContext.for_request(
            'u1', 'p1', ['member'], 'req-3')
        second = context.RequestContext.for_request(
            'u2', 'p2', None, 'req-4')
        first.roles.append('admin')
        first.service_roles.append('service')
        self.assertEqual([], second.roles)
        self.assertEqual([], second.service_roles)
        third = context.RequestContext.for_request('u3', 'p3', None,
                                                   'req-5')
        self.assertEqual([], third.service_roles)

    def test_is_the_current_context(self):
        ctx = context.RequestContext.for_request('u1', 'p1', [], 'req-6')
        self.assertIs(ctx, oslo_context.get_current())

    def test_is_admin_is_settable(self):
        ctx = context.RequestContext.for_request('u1', 'p1', [], 'req-7')
        self.assertFalse(ctx.is_admin)
        ctx.is_admin = True
        self.assertTrue(ctx.to_policy_values()['is_admin'])
