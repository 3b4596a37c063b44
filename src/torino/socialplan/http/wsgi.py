"""Requests that Zope cannot even read, answered 400 in the WSGI pipeline.

Zope decodes the URL path as UTF-8 before any site is known: ``/%c0%ae`` or
``/%ff`` raised UnicodeDecodeError in ``publish_module``, a 500 from the WSGI
server with two tracebacks (Zope issue 1249). Zope's form converters
(``name:int``, ``:float``, ``:long``, ``:date``, ``:required``, ``:json``...,
in the query string or a form body) raise ValueError, SyntaxError or
RecursionError while the request is read, and a multipart body without a
boundary KeyError, an XML-RPC body that is not XML ExpatError: 500 or 503
on any address. Nothing of this is a site's
business, so the filter is process-wide by nature; it is the one place
where it is done, named in every pipeline that serves the add-on:

- ``instance/etc/zope.ini`` and ``zope-cluster.ini``
  (``egg:torino.socialplan#request_framing``),
- the buildout instance (``pipeline`` in buildout.cfg),
- the test layers' WSGI server (testing.py).

The answer is a short text, with no traceback and no log line (the access
log has the request).

The filter also keeps HEAD answers without a body (without_body).
"""

from io import BytesIO
from urllib.parse import parse_qsl
from ZPublisher.Converters import type_converters
from ZPublisher.xmlrpc import parse_input


# A form body is read here (to check its converters) up to this size; a
# larger one goes on unchecked, as Zope reads it anyway.
FORM_BODY_MAX = 1024 * 1024
# What Zope reads as a form body (a missing type too), and when.
FORM_TYPES = ("application/x-www-form-urlencoded", "application/x-url-encoded", "")
FORM_METHODS = ("POST", "PUT", "PATCH")
XMLRPC_TYPES = ("text/xml",)


def path_problem(environ):
    path = environ.get("PATH_INFO") or ""
    try:
        path.encode("latin-1").decode("utf-8")
    except UnicodeError:
        return "The address is not valid UTF-8."
    return None


def multipart_problem(environ):
    content_type = (environ.get("CONTENT_TYPE") or "").lower()
    if content_type.startswith("multipart/") and "boundary=" not in content_type:
        return "A multipart body needs a boundary."
    return None


def converter_problem(fields):
    """Why a field's Zope converter (``name:int=x``) cannot take its
    value, or None."""
    for key, value in fields:
        for flag in key.split(":")[1:]:
            converter = type_converters.get(flag)
            if converter is None:
                continue
            try:
                converter(value)
            except Exception:  # any failure is the value's
                name = key.split(":", 1)[0][:100]
                name = name.encode("ascii", "backslashreplace").decode()
                return f"The field {name} cannot be read as {flag}."
    return None


def query_fields(environ):
    return parse_qsl(
        environ.get("QUERY_STRING") or "",
        keep_blank_values=True,
        errors="surrogateescape",
    )


def small_body(environ, content_types, methods):
    """The body, when it is of one of ``content_types`` (a missing type is
    ``""``), sent with one of ``methods``, and small enough to read here (it
    is put back for Zope), or None."""
    declared = (environ.get("CONTENT_TYPE") or "").split(";")[0]
    if declared.strip().lower() not in content_types:
        return None
    if (environ.get("REQUEST_METHOD") or "GET").upper() not in methods:
        return None
    try:
        length = int(environ.get("CONTENT_LENGTH") or 0)
    except ValueError:
        return None
    if not 0 < length <= FORM_BODY_MAX:
        return None
    body = environ["wsgi.input"].read(length)
    environ["wsgi.input"] = BytesIO(body)
    return body


def xmlrpc_problem(environ):
    """Zope reads a POST of text/xml as an XML-RPC call."""
    body = small_body(environ, XMLRPC_TYPES, ("POST",))
    if body is None:
        return None
    try:
        parse_input(body)
    except Exception:  # any failure is the body's
        return "The XML-RPC body cannot be read."
    return None


def form_fields(environ):
    """The fields of a form-urlencoded body small enough to read, or ()."""
    body = small_body(environ, FORM_TYPES, FORM_METHODS)
    if body is None:
        return ()
    return parse_qsl(
        body.decode("latin-1"), keep_blank_values=True, errors="surrogateescape"
    )


def framing_problem(environ):
    return (
        path_problem(environ)
        or multipart_problem(environ)
        or converter_problem(query_fields(environ))
        or converter_problem(form_fields(environ))
        or xmlrpc_problem(environ)
    )


class RequestFraming:
    def __init__(self, app):
        self.app = app

    def __call__(self, environ, start_response):
        problem = framing_problem(environ)
        if problem is None:
            result = self.app(environ, start_response)
            if (environ.get("REQUEST_METHOD") or "").upper() == "HEAD":
                return without_body(result)
            return result
        body = f"Bad Request: {problem}\n".encode("utf-8", "replace")
        start_response(
            "400 Bad Request",
            [
                ("Content-Type", "text/plain; charset=utf-8"),
                ("Content-Length", str(len(body))),
            ],
        )
        return [body]


def without_body(result):
    """A HEAD answer has no body: Zope renders browser views for HEAD as
    for GET, and waitress sends what it is given, which a client then
    reads as the start of its next answer on the connection."""
    try:
        for _chunk in result:
            pass
    finally:
        close = getattr(result, "close", None)
        if close is not None:
            close()
    return []


def filter_app_factory(app, global_conf, **local_conf):
    """PasteDeploy entry point (``egg:torino.socialplan#request_framing``)."""
    return RequestFraming(app)
