"""Security groups and their rules, as Nova's proxy meets them in Neutron
(no HTTP).

The functions run with ``store.lock`` held and raise the errors Nova's
API answers with: Nova's own checks of a rule (its ports, protocol and
CIDR, a rule it already sees) and Neutron's answers that Nova passes on
(a group or rule another project owns does not exist; the default group
may not be renamed, recreated or, but by an admin, deleted; a group in
use may not be deleted; a rule Neutron already has; its quotas of 10
groups and 100 rules per project: 403).

Neutron makes each group two egress rules (IPv4 and IPv6) and a
project's default group two more ingress ones from the group itself;
Nova shows only the ingress rules.
"""

import ipaddress
import urllib.parse
import uuid

from fakenova.common import visibility
from fakenova.compute import exception
from fakenova.compute import model

# Neutron's default quotas (per project).
MAX_GROUPS = 10
MAX_RULES = 100
DEFAULT = 'default'
DEFAULT_DESCRIPTION = 'Default security group'


def _new_id():
    return str(uuid.uuid4())


def _egress(group):
    for ethertype in ('IPv4', 'IPv6'):
        group.rules.append(model.SecurityGroupRule(
            _new_id(), group.id, direction='egress', ethertype=ethertype))


def new_group(store, project_id, name, description, id=None,
              default=False):
    """A group with Neutron's rules, added to the store."""
    group = model.SecurityGroup(id or _new_id(), name, project_id,
                                description=description)
    _egress(group)
    if default:
        for ethertype in ('IPv4', 'IPv6'):
            group.rules.append(model.SecurityGroupRule(
                _new_id(), group.id, ethertype=ethertype,
                remote_group_id=group.id))
    return store.add_security_group(group)


def ensure_default(store, project_id):
    """The project's default group (Neutron makes it on first use)."""
    group = _default_of(store, project_id)
    if group is not None:
        return group
    return new_group(store, project_id, DEFAULT, DEFAULT_DESCRIPTION,
                     default=True)


def validate_id(group_id):
    """Nova's 400 for an id that is not a UUID."""
    try:
        uuid.UUID(group_id)
    except (TypeError, ValueError):
        raise exception.BadRequest('Security group id should be uuid')
    return group_id


def get(store, ctx, group_id):
    """The group ``ctx`` may see, or Neutron's 404 as Nova passes it."""
    group = store.security_groups.get(group_id)
    if group is None or not visibility.owned(ctx, group.project_id):
        raise exception.NotFound('Security group %s does not exist'
                                 % group_id)
    return group


def listed(store, ctx, all_projects=False):
    """The project's groups in creation order (an admin's all_tenants:
    every project's).
    """
    if all_projects and ctx.is_admin:
        return list(store.security_groups.values())
    # The project's own (store.security_groups.by_project): no walk of
    # the other projects' groups.
    return store.security_groups.in_project(ctx.project_id)


def _is_default_name(name):
    return name.lower() == DEFAULT


def _default_of(store, project_id):
    """The project's default group, or None.

    Every server create asks: the group found last is remembered per
    project (``store.default_groups``) and checked before it is used, so
    a deleted or renamed group is looked for again, with a walk.
    """
    known = store.security_groups.get(store.default_groups.get(project_id))
    if (known is not None and known.project_id == project_id
            and known.name == DEFAULT):
        return known
    for group in store.security_groups.in_project(project_id):
        if group.name == DEFAULT:
            store.default_groups[project_id] = group.id
            return group
    store.default_groups.pop(project_id, None)
    return None


def create(store, ctx, name, description):
    """A new group of the caller's project (and its default group, as
    Neutron makes it first), once Neutron's checks pass.
    """
    if _is_default_name(name):
        # Neutron's 409, which Nova answers 403 (a "limit").
        raise exception.Forbidden('Default security group already exists.')
    project_id = ctx.project_id
    missing = _default_of(store, project_id) is None
    if len(store.security_groups.by_project.get(project_id, ())) + (
            missing) >= MAX_GROUPS:
        raise exception.Forbidden(
            "Quota exceeded for resources: ['security_group'].")
    _check_rule_quota(store, project_id, 2 + 4 * missing)
    ensure_default(store, project_id)
    return new_group(store, project_id, name, description)


def update(store, group, name, description):
    """Rename and redescribe ``group``; its servers follow the new name.

    Neutron refuses (409) the name 'default' (its name check comes
    first), then any change to the default group; Nova, which does not
    expect that answer, fails with a 500: fakenova answers 400 with
    Neutron's message.
    """
    if _is_default_name(name):
        raise exception.BadRequest('Default security group already exists.')
    if group.name == DEFAULT:
        raise exception.BadRequest(
            'Updating default security group not allowed.')
    old = group.name
    group.name = name
    group.description = description
    if old != name:
        for server in store.servers.in_project(group.project_id):
            if old in (server.security_groups or ()):
                server.security_groups = [
                    name if n == old else n for n in server.security_groups]
    return group


def in_use(store, group):
    """Is ``group`` on a port: a live server of its project with one."""
    return any(not server.deleted and server.fixed_ips
               and group.name in (server.security_groups or ())
               for server in store.servers.in_project(group.project_id))


def names_of(store, project_id, names_or_ids):
    """Groups named by name or id, as names (Nova shows names)."""
    out = []
    for name in names_or_ids:
        found = store.find_security_groups(name, project_id)
        out.append(found[0].name if len(found) == 1 else name)
    return out


def delete(store, ctx, group):
    """Neutron's 409s (Nova's 400): the default group, a group in use."""
    if group.name == DEFAULT and not ctx.is_admin:
        raise exception.BadRequest(
            'Insufficient rights for removing default security group.')
    if in_use(store, group):
        raise exception.BadRequest('Security Group %s in use.' % group.id)
    del store.security_groups[group.id]
    # Neutron drops the rules that named it as their remote group.
    for other in store.security_groups.values():
        other.rules = [r for r in other.rules
                       if r.remote_group_id != group.id]


# -- rules -------------------------------------------------------------------

def parse_cidr(cidr):
    """Nova's reading of a rule's cidr ('0.0.0.0/0' when none)."""
    if not cidr:
        return '0.0.0.0/0'
    try:
        cidr = urllib.parse.unquote(str(cidr))
    except Exception:
        raise exception.BadRequest('%s is not a valid IP network.' % cidr)
    from oslo_utils import netutils  # psutil, netaddr: not at import
    if not netutils.is_valid_cidr(cidr):
        raise exception.BadRequest('%s is not a valid IP network.' % cidr)
    return cidr


def _port_error(from_port, to_port, msg):
    return exception.BadRequest('Invalid port range %s:%s. %s'
                                % (from_port, to_port, msg))


def new_rule(ip_protocol, from_port, to_port, cidr=None, group_id=None):
    """Nova's rule values from the request (its 400s), or None when a
    cidr rule lacks its protocol or ports.
    """
    values = {}
    if group_id:
        values['group_id'] = group_id
        upper = ip_protocol.upper() if isinstance(ip_protocol, str) else ''
        if upper == 'ICMP' and from_port is None and to_port is None:
            from_port = to_port = -1
        elif upper in ('TCP', 'UDP') and from_port is None and (
                to_port is None):
            from_port, to_port = 1, 65535
    elif cidr:
        values['cidr'] = cidr
    if ip_protocol and from_port is not None and to_port is not None:
        ip_protocol = str(ip_protocol)
        upper = ip_protocol.upper()
        try:
            from_port = int(from_port)
            to_port = int(to_port)
        except (TypeError, ValueError):
            if upper == 'ICMP':
                raise exception.BadRequest(
                    'Invalid input received: Type and Code must be integers '
                    'for ICMP protocol type')
            raise exception.BadRequest(
                'Invalid input received: To and From ports must be '
                'integers')
        if upper not in ('TCP', 'UDP', 'ICMP'):
            raise exception.BadRequest('Invalid IP protocol %s.'
                                       % ip_protocol)
        if upper in ('TCP', 'UDP'):
            if from_port > to_port:
                raise _port_error(
                    from_port, to_port,
                    'Former value cannot be greater than the later')
            if from_port < 1 or to_port > 65535:
                raise _port_error(
                    from_port, to_port,
                    'Valid %s ports should be between 1-65535' % upper)
        elif not (-1 <= from_port <= 255 and -1 <= to_port <= 255):
            raise _port_error(from_port, to_port,
                              'For ICMP, the type:code must be valid')
        values.update(protocol=ip_protocol, from_port=from_port,
                      to_port=to_port)
    elif cidr:
        return None
    return values


def check_prefix(cidr):
    net, _sep, prefix = cidr.partition('/')
    if net not in ('0.0.0.0', '::') and prefix == '0':
        raise exception.BadRequest('Bad prefix for network in cidr %s'
                                   % cidr)


def nova_rule(rule):
    """``rule`` as Nova's proxy reads it from Neutron."""
    from_port, to_port = rule.port_range_min, rule.port_range_max
    if rule.protocol and from_port is None and to_port is None:
        if rule.protocol.upper() in ('TCP', 'UDP'):
            from_port, to_port = 1, 65535
        else:
            from_port = to_port = -1
    return {'id': rule.id, 'parent_group_id': rule.parent_group_id,
            'protocol': rule.protocol, 'from_port': from_port,
            'to_port': to_port, 'group_id': rule.remote_group_id,
            'cidr': parse_cidr(rule.remote_ip_prefix)}


def ingress(group):
    return [r for r in group.rules if r.direction == 'ingress']


def _check_rule_quota(store, project_id, adding=1):
    count = sum(len(g.rules)
                for g in store.security_groups.in_project(project_id))
    if count + adding > MAX_RULES:
        raise exception.Forbidden(
            "Quota exceeded for resources: ['security_group_rule'].")


def _normalized(prefix):
    if prefix is None:
        return None
    return str(ipaddress.ip_network(prefix, strict=False))


def _same(rule, other):
    """Neutron's duplicate: the same rule once the prefixes are
    normalised (its ``normalized_cidr``; it keeps the given one).
    """
    keys = ('direction', 'ethertype', 'protocol', 'port_range_min',
            'port_range_max', 'remote_group_id')
    return all(getattr(rule, k) == getattr(other, k) for k in keys) and (
        _normalized(rule.remote_ip_prefix)
        == _normalized(other.remote_ip_prefix))


def add_rule(store, group, values):
    """Nova's duplicate check, then Neutron's rule (and its 400s/403s)."""
    for rule in ingress(group):
        seen = nova_rule(rule)
        if all(seen.get(k) == values.get(k) for k in (
                'group_id', 'cidr', 'from_port', 'to_port', 'protocol')):
            raise exception.BadRequest(
                'This rule already exists in group %s' % group.id)
    cidr = values.get('cidr')
    prefix = None
    ethertype = 'IPv4'
    if cidr:
        network = ipaddress.ip_network(cidr, strict=False)
        prefix = cidr
        ethertype = 'IPv6' if network.version == 6 else 'IPv4'
    protocol = values.get('protocol')
    from_port, to_port = values.get('from_port'), values.get('to_port')
    rule = model.SecurityGroupRule(
        _new_id(), group.id, ethertype=ethertype,
        protocol=protocol.lower() if protocol else None,
        port_range_min=None if from_port == -1 else from_port,
        port_range_max=None if to_port == -1 else to_port,
        remote_ip_prefix=prefix, remote_group_id=values.get('group_id'))
    if (rule.protocol == 'icmp' and rule.port_range_min is None
            and rule.port_range_max is not None):
        raise exception.BadRequest(
            'ICMP code (port-range-max) %s is provided but ICMP type '
            '(port-range-min) is missing.' % rule.port_range_max)
    for other in group.rules:
        if _same(rule, other):
            # Neutron's 409, which Nova answers 403.
            raise exception.Forbidden(
                'Security group rule already exists. Rule id is %s.'
                % other.id)
    _check_rule_quota(store, group.project_id)
    group.rules.append(rule)
    return rule


def find_rule(store, ctx, rule_id):
    """(group, rule) of a rule ``ctx`` may see, or Neutron's 404."""
    for group in store.security_groups.values():
        if not visibility.owned(ctx, group.project_id):
            continue
        for rule in group.rules:
            if rule.id == rule_id:
                return group, rule
    raise exception.NotFound('Security group rule %s does not exist'
                             % rule_id)


def remove_rule(group, rule):
    group.rules = [r for r in group.rules if r.id != rule.id]
