"""The compute model tested directly: creation, the lifecycle, pacing.

No HTTP: a store, a context, and the functions the API handlers call.
The HTTP-level tests (test_actions_*, test_servers...) check the same
rules through the API with Nova's envelopes.
"""

import time

import testtools

from fakenova.compute import exception
from fakenova.compute import lifecycle
from fakenova.compute import seeding
from fakenova.compute import servers
from fakenova.compute import states as st
from fakenova.compute import store as store_mod
from fakenova import context

IMAGE = store_mod.DEFAULT_IMAGES[0][0]


def ctx(project='p1', user='u1'):
    return context.RequestContext(user_id=user, project_id=project)


class CreateTest(testtools.TestCase):

    def setUp(self):
        super().setUp()
        self.store = store_mod.Store()

    def create(self, **kwargs):
        kwargs.setdefault('flavor_id', '1')
        kwargs.setdefault('image_id', IMAGE)
        with self.store.lock:
            return servers.create(self.store, kwargs.pop('ctx', ctx()),
                                  'vm', **kwargs)

    def test_through_the_lifecycle(self):
        server = self.create()
        self.assertEqual(st.BUILDING, server.vm_state)
        self.assertEqual('scheduling', server.task_state)
        with self.store.lock:
            self.store.settle(server)
        self.assertEqual(st.ACTIVE, server.vm_state)
        self.assertIsNotNone(server.host)
        self.assertEqual(['create'], [a.action for a in
                                      self.store.actions[server.id]])

    def test_the_checks_are_novas(self):
        cases = (
            (dict(flavor_id='99'), 'Flavor 99 could not be found.'),
            (dict(image_id='nope'), 'Can not find requested image'),
            (dict(image_id=''), 'Can not find requested image'),
            (dict(security_groups=['web']),
             'Security group web not found for project p1.'),
            (dict(key_name='k'), 'Invalid key_name provided.'),
            (dict(availability_zone='mars'),
             'The requested availability zone is not available'),
            (dict(scheduler_hints={'group': 'nope'}),
             'Instance group nope could not be found.'),
        )
        for kwargs, message in cases:
            error = self.assertRaises(exception.BadRequest, self.create,
                                      **kwargs)
            self.assertEqual(message, error.message, kwargs)
        self.assertEqual({}, self.store.servers)

    def test_another_projects_private_image_is_not_found(self):
        image = seeding.add_image(self.store, 'private', project_id='p2')
        self.assertRaises(exception.BadRequest, self.create,
                          image_id=image.id)
        self.create(image_id=image.id, ctx=ctx('p2'))

    def test_seeds_and_the_api_refuse_alike(self):
        # The fixture, seeds and the control API create through the same
        # function: the same rule, with the same message.
        error = self.assertRaises(
            ValueError, seeding.create_server, self.store, 'vm', 'p1', 'u1',
            availability_zone='mars')
        self.assertEqual('The requested availability zone is not available',
                         str(error))
        error = self.assertRaises(exception.BadRequest, self.create,
                                  availability_zone='mars')
        self.assertEqual('The requested availability zone is not available',
                         error.message)
        self.assertEqual({}, self.store.servers)

    def test_settled_at_once(self):
        with self.store.lock:
            server = servers.create(
                self.store, ctx(), 'vm', '1', IMAGE,
                settled=servers.Settled(st.STOPPED, locked='admin',
                                        host='compute2'))
        self.assertEqual(st.STOPPED, server.vm_state)
        self.assertEqual(st.SHUTDOWN, server.power_state)
        self.assertEqual('compute2', server.host)
        self.assertEqual('admin', server.locked_by)
        (action,) = self.store.actions[server.id]
        self.assertEqual('create', action.action)
        self.assertEqual(['Success'], [e.result for e in action.events])


class LifecycleTest(testtools.TestCase):
    """Rows of the lifecycle table, applied to a store directly."""

    def setUp(self):
        super().setUp()
        self.store = store_mod.Store()
        self.server = seeding.create_server(self.store, 'vm', 'p1', 'u1')

    def perform(self, name, who=None):
        with self.store.lock:
            self.store.settle(self.server)
            lifecycle.perform(self.store, who or ctx(), self.server, name)

    def test_a_row_moves_the_state(self):
        self.perform('pause')
        self.assertEqual('pausing', self.server.task_state)
        with self.store.lock:
            self.store.settle(self.server)
        self.assertEqual(st.PAUSED, self.server.vm_state)
        self.assertIsNone(self.server.task_state)

    def test_preconditions_refuse_before_writing(self):
        error = self.assertRaises(exception.Conflict, self.perform,
                                  'unpause')
        self.assertIn('vm_state active', error.message)
        self.assertEqual(st.ACTIVE, self.server.vm_state)
        self.assertEqual(['create'], [a.action for a in
                                      self.store.actions[self.server.id]])

    def test_the_lock_applies_to_the_owner_not_to_admins(self):
        self.server.locked_by = 'admin'
        self.assertRaises(exception.Conflict, self.perform, 'pause')
        admin = context.admin_context()
        admin.is_admin = True
        self.perform('pause', who=admin)
        self.assertEqual('pausing', self.server.task_state)


class PacingTest(testtools.TestCase):

    def test_polls_then_manual(self):
        store = store_mod.Store(pacing='polls', polls=2)
        server = seeding.create_server(store, 'vm', 'p1', 'u1')
        with store.lock:
            lifecycle.perform(store, ctx(), server, 'pause')
            seen = []
            for _ in range(3):
                store.settle(server)
                seen.append(server.vm_state)
        self.assertEqual([st.ACTIVE, st.ACTIVE, st.PAUSED], seen)
        seeding.set_pacing(store, 'manual')
        with store.lock:
            lifecycle.perform(store, ctx(), server, 'unpause')
            for _ in range(5):
                store.settle(server)
        self.assertEqual(st.PAUSED, server.vm_state)
        store.complete(server.id)
        self.assertEqual(st.ACTIVE, server.vm_state)


class ShelveImageTest(testtools.TestCase):

    def test_unshelve_deletes_the_shelved_snapshot(self):
        # As Nova 34 does (asked of the oracle), offloaded or not.
        for offload_time in (0, -1):
            store = store_mod.Store(shelved_offload_time=offload_time)
            server = seeding.create_server(store, 'vm', 'p1', 'u1')
            keep = seeding.add_image(store, 'vm-shelved', project_id='p1')
            with store.lock:
                lifecycle.perform(store, ctx(), server, 'shelve')
                store.settle(server)
                shelved = [i for i in store.images.values()
                           if i.server_id == server.id]
                self.assertEqual(['vm-shelved'], [i.name for i in shelved])
                self.assertEqual('snapshot',
                                 shelved[0].metadata['image_type'])
                lifecycle.perform(store, ctx(), server, 'unshelve')
                store.settle(server)
            self.assertEqual(st.ACTIVE, server.vm_state)
            self.assertNotIn(shelved[0].id, store.images)
            self.assertIn(keep.id, store.images)


class SecondsPacingTest(testtools.TestCase):
    """A transition that lasts wall time, as a real cloud's does."""

    def test_transitional_for_the_seconds_then_settled(self):
        store = store_mod.Store(pacing='seconds', seconds=0.2)
        server = seeding.create_server(store, 'vm', 'p1', 'u1')
        with store.lock:
            lifecycle.perform(store, ctx(), server, 'reboot_soft')
            for _ in range(5):  # reads do not hurry it
                store.settle(server)
            self.assertEqual('rebooting', server.task_state)
            # A second request meets the transition, as in Nova.
            self.assertRaises(exception.Conflict, lifecycle.perform, store,
                              ctx(), server, 'pause')
        time.sleep(0.25)
        with store.lock:
            store.settle(server)
        self.assertIsNone(server.task_state)
        self.assertEqual(st.ACTIVE, server.vm_state)

    def test_seconds_are_checked(self):
        self.assertRaises(ValueError, store_mod.Store, pacing='seconds',
                          seconds=-1)
        store = store_mod.Store()
        self.assertRaises(ValueError, seeding.set_pacing, store, 'seconds',
                          seconds=601)
        seeding.set_pacing(store, 'seconds', seconds=0)
        self.assertEqual(('seconds', 0.0), (store.pacing, store.seconds))
