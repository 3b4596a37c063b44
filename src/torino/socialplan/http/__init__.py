"""What the two HTTP routes of a contribution (the Classic forms' JSON
replies and the REST services) share: the core's errors as HTTP answers."""

from torino.socialplan.consultation.errors import TooManyContributions


def error_reply(request, error):
    """A ContributionError as its HTTP status and JSON body."""
    request.response.setStatus(error.status)
    if isinstance(error, TooManyContributions):
        request.response.setHeader("Retry-After", str(error.retry_after))
    return error.as_json(request)
