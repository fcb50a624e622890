"""A minimal glance v2 for the standalone cloud (``api``): the image list,
show and delete over the compute store's images, enough for clients that
boot by image name and wait for snapshots.
"""
