"""The one composition root: everything of one fake cloud that has state.

A :class:`Cloud` owns the compute state (its store, with pacing and
faults), the policy authorizer with its overrides, the call log and the
identity service's users, projects and tokens, and it builds the compute
API app that serves them. Everything else receives a cloud and never
assembles these parts itself: the paste factories and the Python
composition in :mod:`fakenova.deploy`, ``fakenova-api``, the
:class:`fakenova.fixture.FakeNova` fixture and the control API. There is
one :meth:`Cloud.reset`, one :meth:`Cloud.set_policy` /
:meth:`Cloud.clear_policy` and one :meth:`Cloud.set_pacing`.

Two clouds share no state: two fixtures, or a fixture and a standalone
cloud in one process, never see each other's servers, calls, faults or
policy overrides.
"""

import functools

from fakenova.common import calllog
from fakenova.compute import store as store_mod
from fakenova.identity import model as identity_model

# The compute API (its routes, controllers, schemas), the policy engine
# and the seed loader are imported when a cloud first needs them, not
# with this module: a test process pays for them at its first request,
# not at ``import fakenova.fixture`` (issue 14).

# The settings a cloud takes (from keyword arguments, a paste conf or the
# command line; strings are accepted) beside the store's.
CLOUD_SETTINGS = {'policy_file': str, 'control_token': str,
                  'call_log_size': int, 'max_request_body_size': int,
                  'image_endpoint': str}


def settings_from_conf(conf):
    """The :class:`Cloud` keyword arguments found in ``conf``."""
    out = store_mod.settings_from_conf(conf)
    out.update(store_mod.settings_from_conf(conf, CLOUD_SETTINGS))
    return out


class Cloud:
    """The state of one fake cloud, and the compute API serving it.

    :param policy_file: a policy file (YAML or JSON, re-read when it
        changes); without one, Nova's defaults (shared, read-only).
    :param control_token: the token the control API accepts besides
        admin tokens of :attr:`identity`.
    :param call_log_size: how many requests :attr:`calls` keeps (0: none).
    :param max_request_body_size: the body-size limit of every app of the
        cloud (None: oslo.middleware's default).
    :param image_endpoint: the image service's URL that compute's answers
        point at (default: ``/image`` of the request's host).
    :param authorizer: a :class:`fakenova.policy.Authorizer` to use
        instead of one for ``policy_file`` (the policy matrix shares one
        between many clouds; the cloud's overrides never change it).
    :param store_settings: :data:`fakenova.compute.store.SETTINGS`
        (pacing, polls and Nova's options).
    """

    def __init__(self, policy_file=None, control_token=None,
                 call_log_size=calllog.DEFAULT_SIZE,
                 max_request_body_size=None, image_endpoint=None,
                 authorizer=None, **store_settings):
        self.policy_file = policy_file
        self.control_token = control_token
        self.call_log_size = int(call_log_size)
        self.max_request_body_size = max_request_body_size
        self.image_endpoint = image_endpoint
        self.store = store_mod.Store(**store_settings)
        self.calls = calllog.CallLog(self.call_log_size)
        # The authorizer without overrides (_base_authorizer) and the one
        # in force (authorizer): a policy file is read at once (a bad one
        # fails here); Nova's defaults, shared, at the first decision.
        if authorizer is not None:
            self._base_authorizer = authorizer
        elif policy_file:
            self._base_authorizer = self._new_authorizer()
        self.identity = identity_model.Identity()
        # Read-only control endpoints (state, calls, dashboard) need no
        # token while the server listens on loopback only. Only
        # fakenova-api can know that (it sets this from --host): served by
        # anything else, the cloud requires a token for every control call.
        self.listening_on_loopback = False
        # The seed (fakenova.control.seed) loaded at start; reset()
        # applies it again.
        self.seed = None
        self.seed_source = '<seed>'

    # Built at first use; then plain attributes of the instance (a
    # cached_property is not consulted again once it has stored its value).

    @functools.cached_property
    def _base_authorizer(self):
        return self._new_authorizer()

    @functools.cached_property
    def authorizer(self):
        return self._base_authorizer

    @functools.cached_property
    def compute(self):
        """The compute API of this cloud (:class:`APIRouter`).

        It reads the state through the cloud, so reset() and set_policy()
        need not tell it.
        """
        from fakenova.compute.api import router
        return router.APIRouter(self)

    @classmethod
    def from_conf(cls, conf):
        """A cloud from a paste conf or any mapping of strings."""
        return cls(**settings_from_conf(conf))

    @property
    def faults(self):
        """The injected faults (:class:`fakenova.compute.faults`)."""
        return self.store.faults

    # -- the one reset, policy and pacing -------------------------------------

    def reset(self, reseed=True):
        """Forget servers, resources, calls, faults and policy overrides.

        Pacing and Nova's options stay as they are. The projects, users,
        roles and role assignments that keystone's administration API
        created go, the ones it deleted or changed come back
        (``Identity.undo_admin_changes``); the others and their tokens
        are kept (the caller's token must survive). The start-up seed, if
        any, is applied again unless ``reseed`` is false.
        """
        self.identity.undo_admin_changes()
        self.store = store_mod.Store(**self.store.settings())
        self.calls = calllog.CallLog(self.call_log_size)
        self.clear_policy()
        if reseed and self.seed is not None:
            from fakenova.control import seed as seed_mod
            seed_mod.apply(self, self.seed, self.seed_source)

    def _new_authorizer(self):
        from fakenova import policy
        if self.policy_file:
            return policy.Authorizer(policy_file=self.policy_file)
        return policy.shared_default()

    def set_policy(self, rules):
        """Override rules (name -> check string); InvalidRule changes none.

        The authorizer is swapped for one with the overrides, never
        changed in place, so decisions in flight see either the old rules
        or the new ones.
        """
        if self.authorizer is self._base_authorizer:
            # The base is shared (Nova's defaults, the matrix's) or the
            # policy file's: overrides go to an authorizer of our own.
            from fakenova import policy
            authorizer = policy.Authorizer(policy_file=self.policy_file)
            authorizer.set_rules(rules)
            self.authorizer = authorizer
        else:
            self.authorizer.set_rules(rules)

    def clear_policy(self):
        """Drop every override: the policy file's rules, or Nova's."""
        # The next read of ``authorizer`` is the base one again.
        self.__dict__.pop('authorizer', None)

    def set_pacing(self, pacing, polls=None, seconds=None):
        """How accepted transitions settle from now on (store.PACINGS)."""
        from fakenova.compute import seeding
        seeding.set_pacing(self.store, pacing, polls, seconds)
