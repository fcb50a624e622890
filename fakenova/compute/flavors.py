"""Flavors: who may see one, and managing them (no HTTP here).

Nova's facts reproduced here:

- a private flavor (``is_public`` False) is seen only by admins and by
  the projects on its access list; anyone else is told it does not exist
  (404 on show, not listed, not bootable nor a resize target);
- a created flavor gets a random UUID as its id unless one is given (a
  number becomes its string); names lose surrounding blanks; name and id
  are each unique (409, the name checked first when both clash);
- deleting a flavor leaves its servers their copy of it (Nova embeds the
  flavor in each instance): they keep showing it, resizes revert to it;
- the access list keeps its projects in the order they were added; a
  project added twice, or removed when not there, is an error; deleting
  a flavor drops its access list and extra specs;
- extra specs are strings once stored (a number given is kept as its
  text).

Callers hold ``store.lock``.
"""

import uuid

from fakenova.compute import exception
from fakenova.compute import model


def visible(flavor, ctx):
    """May ``ctx`` see ``flavor`` (Nova's flavor query for non-admins)?"""
    return (ctx is None or ctx.is_admin or flavor.is_public
            or ctx.project_id in flavor.projects)


def get(store, ctx, flavor_id):
    """The flavor ``flavor_id`` as ``ctx`` may see it (404 otherwise)."""
    flavor = store.flavors.get(flavor_id)
    if flavor is None or not visible(flavor, ctx):
        raise exception.FlavorNotFound(flavor_id=flavor_id)
    return flavor


def create(store, name, ram, vcpus, disk, flavor_id=None, ephemeral=0,
           swap=0, rxtx_factor=1.0, is_public=True, description=None):
    """A new flavor (values already validated; the ints may be strings)."""
    flavor_id = str(flavor_id) if flavor_id else str(uuid.uuid4())
    name = name.strip()
    if any(f.name == name for f in store.flavors.values()):
        raise exception.FlavorExists(name=name)
    if flavor_id in store.flavors:
        raise exception.FlavorIdExists(flavor_id=flavor_id)
    flavor = model.Flavor(
        flavor_id, name, int(vcpus), int(ram), int(disk),
        ephemeral=int(ephemeral), swap=int(swap),
        rxtx_factor=float(rxtx_factor), is_public=is_public,
        description=description)
    return store.add_flavor(flavor)


def delete(store, flavor_id):
    if flavor_id not in store.flavors:
        raise exception.FlavorNotFound(flavor_id=flavor_id)
    return store.delete_flavor(flavor_id)


def add_access(flavor, project_id):
    if project_id in flavor.projects:
        raise exception.FlavorAccessExists(flavor_id=flavor.id,
                                           project_id=project_id)
    flavor.projects.append(project_id)


def remove_access(flavor, project_id):
    if project_id not in flavor.projects:
        raise exception.FlavorAccessNotFound(flavor_id=flavor.id,
                                             project_id=project_id)
    flavor.projects.remove(project_id)


def spec_text(value):
    """An extra spec's value as Nova's database keeps it (a string)."""
    return str(value)


def set_extra_specs(flavor, specs):
    for key, value in specs.items():
        flavor.extra_specs[key] = spec_text(value)


def delete_extra_spec(flavor, key):
    if key not in flavor.extra_specs:
        raise exception.FlavorExtraSpecNotFound(flavor_id=flavor.id, key=key)
    del flavor.extra_specs[key]
