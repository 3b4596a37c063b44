"""What the contribution services share: JSON in, the core's errors out as 4xx."""

from plone.protect.interfaces import IDisableCSRFProtection
from plone.restapi.batching import HypermediaBatch
from plone.restapi.deserializer import json_body
from plone.restapi.exceptions import DeserializationError
from plone.restapi.services import Service
from torino.socialplan import _
from torino.socialplan.consultation.errors import ContributionError
from torino.socialplan.http import error_reply
from zope.interface import alsoProvides


# What a batched listing accepts (b_size, b_start in the query string).
BATCH_SIZE_MAX = 1000


def batching_error(request):
    """A ContributionError for ``b_size`` or ``b_start`` that the batch would
    choke on (not whole numbers, b_size not 1 to BATCH_SIZE_MAX, b_start
    negative), or None."""
    errors = []
    for name, low, high in (("b_size", 1, BATCH_SIZE_MAX), ("b_start", 0, None)):
        value = request.form.get(name)
        if value is None:
            continue
        try:
            number = int(value)
        except (TypeError, ValueError):
            number = None
        if number is None or number < low or (high is not None and number > high):
            if high is None:
                message = _(
                    "${name} must be a whole number, ${low} or more.",
                    mapping={"name": name, "low": low},
                )
            else:
                message = _(
                    "${name} must be a whole number from ${low} to ${high}.",
                    mapping={"name": name, "low": low, "high": high},
                )
            errors.append((name, message))
    return ContributionError(errors) if errors else None


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


class BatchedListing(Service):
    """A GET listing of the core's entries, batched (``b_start``,
    ``b_size``); a query the core refuses is a 400."""

    def entries(self, form):
        """The entries to list, from the query string; may raise a
        ContributionError."""
        raise NotImplementedError

    def items(self, batch):
        raise NotImplementedError

    def reply(self):
        problem = batching_error(self.request)
        if problem is not None:
            return error_reply(self.request, problem)
        try:
            entries = self.entries(self.request.form)
        except ContributionError as error:
            return error_reply(self.request, error)
        batch = HypermediaBatch(self.request, entries)
        result = {
            "@id": batch.canonical_url,
            "items_total": batch.items_total,
            "items": self.items(batch),
        }
        if batch.links:
            result["batching"] = batch.links
        return result
