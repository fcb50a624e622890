"""Policy rules of fakenova, named and documented as Nova names them.

The in-code defaults are the Train-era "owner or admin" defaults
(``rule:admin_or_owner`` / ``rule:admin_api``). ``RBAC_DEFAULTS`` holds
Nova 34's secure-RBAC defaults for the same rules; ``etc/policy-rbac.yaml``
is written from it and switches a deployment to that world.
"""

import importlib
import itertools
import pkgutil

from fakenova.policies import base

# Every resource module of this package (all but base), in name order:
# the order the rules are listed in. A new module is found by itself.
_RESOURCE_MODULES = tuple(
    importlib.import_module('%s.%s' % (__name__, info.name))
    for info in sorted(pkgutil.iter_modules(__path__),
                       key=lambda info: info.name)
    if info.name != 'base')

# {rule name: Nova 34 secure-RBAC check string} for every non-base rule.
RBAC_DEFAULTS = {}
for _module in _RESOURCE_MODULES:
    RBAC_DEFAULTS.update(_module.RBAC_DEFAULTS)
del _module


def list_rules():
    return itertools.chain(
        base.list_rules(),
        *(module.list_rules() for module in _RESOURCE_MODULES))
