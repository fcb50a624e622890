"""WSGI helpers every app of the cloud shares."""

import json

import webob

JSON_TYPE = 'application/json'


def json_response(body, status=200):
    """``body`` as a JSON WebOb response (identity, image, control)."""
    resp = webob.Response(status=status, content_type=JSON_TYPE,
                          charset=None)
    resp.body = json.dumps(body).encode()
    return resp
