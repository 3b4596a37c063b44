"""What the contribution services share: JSON in, the core's errors out as 4xx."""

from plone.protect.interfaces import IDisableCSRFProtection
from plone.restapi.deserializer import json_body
from plone.restapi.exceptions import DeserializationError
from plone.restapi.services import Service
from torino.socialplan import _
from torino.socialplan.consultation.errors import ContributionError
from torino.socialplan.consultation.errors import TooManyContributions
from zope.interface import alsoProvides


def error_reply(request, error):
    """A ContributionError as its HTTP status and JSON body."""
    request.response.setStatus(error.status)
    if isinstance(error, TooManyContributions):
        request.response.setHeader("Retry-After", str(error.retry_after))
    return error.as_json(request)


class JSONPostService(Service):
    """A POST whose JSON object goes to ``handle(data)``; whatever
    ContributionError the core raises is answered with its status."""

    def reply(self):
        # Token or anonymous clients, as for stock plone.restapi services.
        alsoProvides(self.request, IDisableCSRFProtection)
        try:
            data = json_body(self.request)
        except DeserializationError:
            data = None
        try:
            if not isinstance(data, dict):
                raise ContributionError.on(
                    None, _("The request body is not a JSON object.")
                )
            return self.handle(data)
        except ContributionError as error:
            return error_reply(self.request, error)

    def handle(self, data):
        raise NotImplementedError
