"""A contribution's view (consultation/public_view.py) as JSON: the one
format of @comments and @pledges items."""

from plone.restapi.serializer.converters import json_compatible
from torino.socialplan.consultation.public_view import Term
from torino.socialplan.consultation.public_view import Text
from zope.i18n import translate


def value_json(name, value, request):
    if isinstance(value, Term):
        return {"token": value.token, "title": translate(value.title, context=request)}
    if isinstance(value, Text):
        return {"data": value.html, "mime-type": "text/html"}
    if name == "actions":
        return [
            {"@id": action.absolute_url(), "code": action.code, "title": action.Title()}
            for action in value
        ]
    if name == "in_reply_to":
        return str(value) if value else None
    if name in ("organization", "outcome_motivation"):
        return value or None
    return json_compatible(value)


def contribution_json(values, request):
    """``values`` by name, each as JSON."""
    return {name: value_json(name, value, request) for name, value in values.items()}
