"""Policy enforcement with oslo.policy, under Nova's rule names.

Deciding a rule through oslo.policy costs far more than serving the rest
of a request (it re-reads the policy file on every call), so decisions are
remembered per (rule, credentials, target) and forgotten whenever the
policy file changes -- checked at most once per ``check_interval`` seconds
-- or rules are overridden with :meth:`Authorizer.set_rules`.
"""

import functools
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


class PolicyFileError(ValueError):
    """A policy file that cannot be used (the message says why)."""


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
    # (oslo.policy's parser would log a traceback for it too.)
    parser_log = logging.getLogger('oslo_policy._parser')
    disabled, parser_log.disabled = parser_log.disabled, True
    try:
        parsed = oslo_policy.RuleDefault(name, check_str).check
    finally:
        parser_log.disabled = disabled
    if str(parsed) == '!' and check_str.strip() != '!':
        raise InvalidRule('Rule %s: cannot parse check string %r' % (
            name, check_str))


@functools.lru_cache(maxsize=1)
def _defaults():
    """(registered RuleDefaults, parsed rules) of the in-code defaults.

    Registering the defaults costs milliseconds; every enforcer starts
    from copies of these two dicts instead.
    """
    enforcer = Enforcer(_new_conf(None), policy_file=os.devnull)
    enforcer.register_defaults(policies.list_rules())
    enforcer.load_rules(force_reload=True)
    return dict(enforcer.registered_rules), dict(enforcer.rules)


class Authorizer:
    """An oslo.policy Enforcer with a decision cache.

    The enforcer and its cache are never changed while requests read
    them: a new policy file, an override or a reset builds a new enforcer
    aside and then replaces the pair in one assignment, so a decision
    made during the change sees either the old rules or the new ones,
    never an enforcer half cleared.
    """

    def __init__(self, policy_file=None, overrides=None, check_interval=1.0):
        self.policy_file = policy_file
        self.check_interval = check_interval
        self.last_error = None
        # Serialises changes (reload, overrides); decisions take no lock.
        self._lock = threading.Lock()
        self._overrides = {}
        # The last policy file that could be read: rule -> check string.
        self._file_rules = {}
        self._signature = self._file_signature()
        self._conf = _new_conf(policy_file)
        if policy_file:
            self._file_rules = self._read_file()  # a bad file is fatal here
        self._state = (self._build(log_file=True), {})
        self._checked = time.monotonic()
        if overrides:
            self.set_rules(overrides)

    @property
    def enforcer(self):
        return self._state[0]

    # -- building -------------------------------------------------------------

    def _read_file(self):
        """The policy file's rules; PolicyFileError if they cannot be used.

        Missing, unreadable, not YAML or JSON, not a mapping, or with a
        check string that does not parse (which oslo.policy would turn
        into a silent deny-all): each is one clear message.
        """
        where = self.policy_file
        try:
            with open(where, encoding='utf-8') as f:
                data = f.read()
        except FileNotFoundError:
            raise PolicyFileError('policy file %s does not exist' % where)
        except (OSError, UnicodeDecodeError) as exc:
            raise PolicyFileError('policy file %s cannot be read: %s'
                                  % (where, exc))
        try:
            rules = oslo_policy.parse_file_contents(data)
        except ValueError as exc:
            raise PolicyFileError('policy file %s is not YAML or JSON: %s'
                                  % (where, ' '.join(str(exc).split())))
        if rules is None:
            rules = {}
        if not isinstance(rules, dict):
            raise PolicyFileError(
                'policy file %s maps rule names to check strings, not %s'
                % (where, type(rules).__name__))
        for name, check in rules.items():
            try:
                validate_rule(name, check)
            except InvalidRule as exc:
                raise PolicyFileError('policy file %s: %s' % (where, exc))
        return rules

    def _build(self, log_file=False):
        """A new enforcer: the defaults, the file's rules, the overrides.

        The enforcer never reads a file itself (it is pointed at an empty
        one and told not to look again), so a request never pays for a
        file check and a broken file never fails a request.
        """
        registered, defaults = _defaults()
        enforcer = Enforcer(self._conf, policy_file=os.devnull)
        enforcer.registered_rules = dict(registered)
        enforcer.rules = oslo_policy.Rules(dict(defaults),
                                           enforcer.default_rule)
        if self._file_rules:
            enforcer.set_rules(oslo_policy.Rules.from_dict(self._file_rules),
                               overwrite=False)
            enforcer.file_rules = {
                name: oslo_policy.RuleDefault(name, check_str)
                for name, check_str in self._file_rules.items()
                if isinstance(check_str, str)}
            enforcer.policy_path = os.path.abspath(self.policy_file)
            if log_file:
                enforcer.check_rules()
        if self._overrides:
            enforcer.set_rules(oslo_policy.Rules.from_dict(self._overrides),
                               overwrite=False)
        enforcer.use_conf = False
        return enforcer

    def _swap(self, log_file=False):
        """Build and install a new enforcer with an empty cache (locked)."""
        self._state = (self._build(log_file=log_file), {})

    # -- the policy file ------------------------------------------------------

    def _file_signature(self):
        if not self.policy_file:
            return None
        try:
            stat = os.stat(self.policy_file)
        except OSError:
            return ('missing',)
        return (stat.st_mtime_ns, stat.st_size, stat.st_ino)

    def _maybe_reload(self):
        if not self.policy_file:
            return
        now = time.monotonic()
        if now - self._checked < self.check_interval:
            return
        self._checked = now
        signature = self._file_signature()
        if signature == self._signature:
            return
        with self._lock:
            if signature == self._signature:
                return
            self._signature = signature
            self._reload()

    def _reload(self):
        """Re-read the policy file; keep the previous rules if it is bad.

        A missing file and a file that does not parse are treated alike:
        the rules read last stay in force, and the log says so (an editor
        that saves by rename makes the file vanish for a moment; going
        back to the defaults is an empty file, ``{}``).
        """
        try:
            rules = self._read_file()
        except PolicyFileError as exc:
            self.last_error = str(exc)
            LOG.error('%s; keeping the previous rules', exc)
            return
        self.last_error = None
        self._file_rules = rules
        self._swap(log_file=True)
        LOG.info('Policy file %s reloaded (%d rules)', self.policy_file,
                 len(rules))

    # -- overrides -----------------------------------------------------------

    def set_rules(self, rules):
        """Override rules (name -> check string) for this enforcer only.

        Raises :class:`InvalidRule` -- and changes nothing -- when a check
        string does not parse.
        """
        rules = dict(rules)
        for name, check_str in rules.items():
            validate_rule(name, check_str)
        with self._lock:
            self._overrides.update(rules)
            self._swap()

    # -- decisions ------------------------------------------------------------

    def decide(self, ctx, rule, target):
        """True when ``ctx`` may perform ``rule`` on ``target``."""
        self._maybe_reload()
        enforcer, cache = self._state
        key = (rule, ctx.user_id, ctx.project_id, tuple(ctx.roles),
               ctx.is_admin, target.get('project_id'), target.get('user_id'))
        decision = cache.get(key)
        if decision is None:
            decision = enforcer.authorize(
                rule, target, ctx.to_policy_values(), do_raise=False)
            if len(cache) > _CACHE_LIMIT:
                cache.clear()
            cache[key] = decision
        return decision

    def authorize(self, ctx, rule, target=None, fatal=True):
        """Decide ``rule``; PolicyNotAuthorized (403) when denied.

        Every rule of Nova is project-scoped (scope_types ``project``): a
        caller without a project (a domain- or system-scoped token seen
        through keystonemiddleware) is refused, as Nova's scope check
        refuses it, whatever its roles.
        """
        if ctx.project_id is None:
            allowed = False
        else:
            if target is None:
                target = {'project_id': ctx.project_id,
                          'user_id': ctx.user_id}
            allowed = self.decide(ctx, rule, target)
        if not allowed and fatal:
            raise exception.PolicyNotAuthorized(action=rule)
        return allowed

    def is_admin(self, ctx):
        """Nova's context.is_admin: the 'context_is_admin' rule."""
        self._maybe_reload()
        enforcer, cache = self._state
        key = ('context_is_admin', ctx.user_id, ctx.project_id,
               tuple(ctx.roles))
        decision = cache.get(key)
        if decision is None:
            creds = ctx.to_policy_values()
            decision = enforcer.authorize(
                'context_is_admin', {}, creds, do_raise=False)
            cache[key] = decision
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
                _SHARED = _SharedAuthorizer()
    return _SHARED


class _SharedAuthorizer(Authorizer):
    """The process-wide defaults: read-only, so no cloud can change it."""

    def set_rules(self, rules):
        raise RuntimeError('the shared default policy is read-only: '
                           'override rules with Cloud.set_policy()')
