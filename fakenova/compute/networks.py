"""The networks Nova's network proxies show (no HTTP).

The cloud's networks are the store's: the tenant networks servers plug
into (``store.networks``) and the external ones floating IPs come from
(``store.external_networks``). Every project sees all of them, as a
deployment's shared networks are seen through Neutron.
"""


def all_networks(store):
    """[(id, name)] of every network, tenant networks first."""
    return (list(store.networks.items())
            + list(store.external_networks.items()))


def find(store, network_id):
    """(id, name) of the network ``network_id``, or None."""
    for pair in all_networks(store):
        if pair[0] == network_id:
            return pair
    return None


def pools(store):
    """The floating IP pools: the external networks' names."""
    return [name or net_id
            for net_id, name in store.external_networks.items()]


def find_pool(store, name_or_id):
    """The name of the external network ``name_or_id`` names (by name,
    then by id, as Nova asks Neutron), or None.
    """
    for net_id, name in store.external_networks.items():
        if name == name_or_id:
            return name
    name = store.external_networks.get(name_or_id)
    return None if name is None else name or name_or_id
