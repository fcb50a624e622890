"""Policy enforcement with oslo.policy, under Nova's rule names.

Deciding a rule through oslo.policy costs far more than serving the rest
of a request (it re-reads the policy file on every call), so decisions are
remembered per (rule, credentials, target) and forgotten whenever the
policy file changes -- checked at most once per ``check_interval`` seconds
-- or rules are overridden with :meth:`Authorizer.set_rules`.
"""

import logging
import os
import re
import threading
import time

from oslo_config import cfg
from oslo_policy import policy as oslo_policy

from fakenova.compute import exception
from fakenova import policies

LOG = logging.getLogger(__name__)
_CACHE_LIMIT = 20000
_RULE_REF = re.compile(r'rule:([^\s()]+)')


def _new_conf(policy_file):
    conf = cfg.ConfigOpts()
    conf([], project='fakenova', default_config_files=[])
    return conf


class Enforcer(oslo_policy.Enforcer):
    """An Enforcer that reads a whole Nova policy file calmly.

    A deployment's own policy file names many rules fakenova does not
    implement (os-aggregates, os-keypairs, ...). They are ignored, with ONE
    warning per load listing them, and kept out of oslo.policy's check for
    references to undefined rules (Nova's system_* aliases, which such
    rules often use, are not defined here). A rule that other rules refer
    to (``rule:NAME``) is an alias, not an unimplemented rule.
    """

    def unimplemented_rules(self):
        """File rules that name nothing fakenova implements (sorted)."""
        referenced = set()
        for check_str in self.file_rules.values():
            referenced.update(_RULE_REF.findall(
                getattr(check_str, 'check_str', str(check_str))))
        return sorted(name for name in self.file_rules
                      if name not in self.registered_rules
                      and name not in referenced
                      and name != self.default_rule)

    def check_rules(self, raise_on_violation=False):
        ignored = self.unimplemented_rules()
        if ignored:
            LOG.warning('Policy file %s: %d rule(s) name nothing fakenova '
                        'implements and are ignored: %s', self.policy_path,
                        len(ignored), ', '.join(ignored))
        saved = {name: self.rules.pop(name) for name in ignored
                 if name in self.rules}
        try:
            return super().check_rules(raise_on_violation)
        finally:
            self.rules.update(saved)


class InvalidRule(ValueError):
    """A policy check string that oslo.policy cannot parse."""


def validate_rule(name, check_str):
    """Raise :class:`InvalidRule` unless ``check_str`` parses.

    oslo.policy turns a check string it cannot parse into "deny" and only
    logs it; a caller overriding rules deserves to be told.
    """
    if not isinstance(check_str, str):
        raise InvalidRule('Rule %s: the check string must be a string, '
                          'not %r' % (name, check_str))
    parsed = oslo_policy.RuleDefault(name, check_str).check
    if str(parsed) == '!' and check_str.strip() != '!':
        raise InvalidRule('Rule %s: cannot parse check string %r' % (
            name, check_str))


class Authorizer:
    """An oslo.policy Enforcer with a decision cache."""

    def __init__(self, policy_file=None, overrides=None, check_interval=1.0):
        self.policy_file = policy_file
        self.check_interval = check_interval
        conf = _new_conf(policy_file)
        # Without a policy file only the in-code defaults apply; an empty
        # file stands in so that oslo.policy never searches config dirs.
        path = os.path.abspath(policy_file) if policy_file else os.devnull
        self.enforcer = Enforcer(conf, policy_file=path)
        self.enforcer.register_defaults(policies.list_rules())
        self.last_error = None
        self._load(initial=True)
        self._lock = threading.Lock()
        self._cache = {}
        self._signature = self._file_signature()
        self._checked = time.monotonic()
        self._overrides = {}
        if overrides:
            self.set_rules(overrides)

    def _file_signature(self):
        if not self.policy_file:
            return None
        try:
            stat = os.stat(self.policy_file)
        except OSError:
            return ('missing',)
        return (stat.st_mtime_ns, stat.st_size, stat.st_ino)

    def _maybe_reload(self):
        now = time.monotonic()
        if now - self._checked < self.check_interval:
            return
        self._checked = now
        signature = self._file_signature()
        if signature != self._signature:
            self._signature = signature
            with self._lock:
                self._load()
                self._reapply_overrides()
                self._cache.clear()

    def _load(self, initial=False):
        """(Re)read the policy file; keep the previous rules if it is bad.

        Reading happens only here: oslo.policy is then told not to look at
        the file again by itself (``use_conf`` off), so a request never
        pays for a file check and a broken file never fails a request.
        """
        try:
            self.enforcer.load_rules(force_reload=True)
        except Exception as exc:  # noqa: B902 -- any parse error
            self.last_error = '%s: %s' % (self.policy_file, exc)
            LOG.error('Policy file %s could not be loaded; keeping the '
                      'previous rules: %s', self.policy_file, exc)
            if initial:
                raise
        else:
            self.last_error = None
        finally:
            self.enforcer.use_conf = False

    def _reapply_overrides(self):
        if self._overrides:
            self.enforcer.set_rules(
                oslo_policy.Rules.from_dict(self._overrides),
                overwrite=False, use_conf=False)

    def set_rules(self, rules):
        """Override rules (name -> check string) for this enforcer only.

        Raises :class:`InvalidRule` -- and changes nothing -- when a check
        string does not parse.
        """
        rules = dict(rules)
        for name, check_str in rules.items():
            validate_rule(name, check_str)
        with self._lock:
            parsed = oslo_policy.Rules.from_dict(rules)
            self._overrides.update(rules)
            self.enforcer.set_rules(parsed, overwrite=False, use_conf=False)
            self._cache.clear()

    def clear_overrides(self):
        with self._lock:
            self._overrides = {}
            self.enforcer.clear()
            self.enforcer.register_defaults(policies.list_rules())
            self._load()
            self._cache.clear()

    def decide(self, ctx, rule, target):
        """True when ``ctx`` may perform ``rule`` on ``target``."""
        self._maybe_reload()
        key = (rule, ctx.user_id, ctx.project_id, tuple(ctx.roles),
               ctx.is_admin, target.get('project_id'), target.get('user_id'))
        decision = self._cache.get(key)
        if decision is None:
            decision = self.enforcer.authorize(
                rule, target, ctx.to_policy_values(), do_raise=False)
            if len(self._cache) > _CACHE_LIMIT:
                self._cache.clear()
            self._cache[key] = decision
        return decision

    def authorize(self, ctx, rule, target=None, fatal=True):
        if target is None:
            target = {'project_id': ctx.project_id, 'user_id': ctx.user_id}
        allowed = self.decide(ctx, rule, target)
        if not allowed and fatal:
            raise exception.PolicyNotAuthorized(action=rule)
        return allowed

    def is_admin(self, ctx):
        """Nova's context.is_admin: the 'context_is_admin' rule."""
        key = ('context_is_admin', ctx.user_id, ctx.project_id,
               tuple(ctx.roles))
        decision = self._cache.get(key)
        if decision is None:
            self._maybe_reload()
            creds = ctx.to_policy_values()
            decision = self.enforcer.authorize(
                'context_is_admin', {}, creds, do_raise=False)
            self._cache[key] = decision
        return decision


def get_enforcer():
    """The enforcer oslo.policy's command-line tools load (entry point).

    The tools (oslopolicy-policy-generator, -list-redundant, -validator)
    parse ``cfg.CONF`` themselves -- ``--config-file`` and its
    ``[oslo_policy] policy_file`` included -- before calling this, so the
    enforcer is built on that very object, which must not be parsed again.
    """
    enforcer = Enforcer(cfg.CONF)
    enforcer.register_defaults(policies.list_rules())
    return enforcer


_SHARED = None
_SHARED_LOCK = threading.Lock()


def shared_default():
    """One process-wide Authorizer with the in-code defaults only.

    Building an Enforcer costs milliseconds; fakes that neither read a
    policy file nor override rules share this one (its decisions depend
    only on the defaults, so sharing cannot leak state between them).
    """
    global _SHARED
    if _SHARED is None:
        with _SHARED_LOCK:
            if _SHARED is None:
                _SHARED = Authorizer()
    return _SHARED
