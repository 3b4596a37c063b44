"""The contributor's wish to be told the outcome of their contribution by
e-mail (issue 26), and the language they wrote in, which that e-mail uses.

Both ride along every kind's fields, on the one path (pipeline.py): the forms
post a checkbox, REST clients a JSON boolean. They are stored on the
contribution as attributes, in no public allow-list (privacy.py), and are
personal data (personal_data/places.py): retention and erasure clear them.
A contribution stored before the box existed has neither: it is not mailed.
"""

from plone import api
from torino.socialplan import _
from torino.socialplan.base.attributes import own_attribute


# The request body's key, and the attribute it is stored as.
OPT_IN = "outcome_mail_opt_in"
LANGUAGE = "contribution_language"
LANGUAGES = ("it", "en")


def take(data):
    """(data without the opt-in, the opt-in, an error or None): absent is
    False; otherwise JSON true or false (a form's checkbox becomes one)."""
    if not isinstance(data, dict) or OPT_IN not in data:
        return data, False, None
    data = dict(data)
    value = data.pop(OPT_IN)
    if value is None:
        return data, False, None
    if not isinstance(value, bool):
        return (
            data,
            False,
            (OPT_IN, _("Answer true or false: whether to be told the outcome.")),
        )
    return data, value, None


def language_of(request):
    """The language the contributor wrote in: the page's negotiated one,
    'it' or 'en'; the site's otherwise."""
    language = None
    if request is not None:
        language = request.get("LANGUAGE") or None
    if not language:
        language = api.portal.get_current_language()
    language = (language or "").split("-")[0].lower()
    return language if language in LANGUAGES else site_language()


def attributes(opt_in, request):
    return {OPT_IN: bool(opt_in), LANGUAGE: language_of(request)}


def site_language():
    language = api.portal.get_registry_record("plone.default_language", default="it")
    language = (language or "it").split("-")[0]
    return language if language in LANGUAGES else "it"


def wants_outcome(obj):
    """Whether the author of ``obj`` asked to be told its outcome (False
    for contributions stored before the box existed)."""
    return own_attribute(obj, OPT_IN, None) is True


def written_in(obj):
    """The language ``obj``'s author wrote in (the site's when not known)."""
    value = own_attribute(obj, LANGUAGE, None)
    return value if value in LANGUAGES else site_language()
