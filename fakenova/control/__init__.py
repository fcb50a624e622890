"""The fake's own controls: what a test (or a person) does to the cloud.

``api`` is the control API at ``/_fakenova`` with its ``dashboard``;
``resources`` holds the resource specs (JSON schemas and one adder each,
names resolved to ids) that the control API, seed files (``seed``) and
the fixture share.
"""
