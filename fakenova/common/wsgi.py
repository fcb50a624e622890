"""WSGI helpers every app of the cloud shares."""

import webob

from fakenova.common import jsonbody

JSON_TYPE = 'application/json'


def json_response(body, status=200):
    """``body`` as a JSON WebOb response (identity, image, control)."""
    resp = webob.Response(status=status, content_type=JSON_TYPE,
                          charset=None)
    resp.body = jsonbody.dumps(body)
    return resp


def webob_error(environ, error):
    """A webob HTTP error as (status, headers, body), as webob renders it.

    Where Nova's own code never runs -- a path or method its routes do
    not know, a noauth2 request without a token -- the answer is webob's,
    in the form the Accept header asks for (HTML by default, or JSON
    ``{"code", "message", "title"}``, or text).
    """
    resp = webob.Request(environ).get_response(error)
    return resp.status, resp.headerlist, resp.body
