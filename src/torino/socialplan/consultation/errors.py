"""The one kind of error a contribution can meet, whatever route it took.

Forms show ``errors`` next to their fields; REST services answer ``status``
with ``as_json()``.
"""

from zope.i18n import translate


class ContributionError(Exception):
    """A contribution refused; ``errors`` are (field or None, message) pairs."""

    status = 400
    kind = "ValidationError"

    def __init__(self, errors):
        super().__init__(errors)
        self.errors = list(errors)

    @classmethod
    def on(cls, field, message):
        return cls([(field, message)])

    def messages(self, request=None):
        return [
            (field, translate(message, context=request))
            for field, message in self.errors
        ]

    def as_json(self, request=None):
        messages = self.messages(request)
        return {
            "type": self.kind,
            "message": " ".join(message for _field, message in messages),
            "errors": [
                {"field": field, "message": message} for field, message in messages
            ],
        }


class ConsultationNotOpen(ContributionError):
    """Outside the consultation window: nothing is accepted."""

    status = 403
    kind = "ConsultationNotOpen"


class TooManyContributions(ContributionError):
    """The client posted too often; it may retry after ``retry_after`` seconds."""

    status = 429
    kind = "TooManyRequests"

    def __init__(self, errors, retry_after):
        super().__init__(errors)
        self.retry_after = retry_after


class NotEditable(ContributionError):
    """A contribution stays as its author wrote it: moderators publish,
    reject or mark it as spam, they do not rewrite it."""

    status = 405
    kind = "MethodNotAllowed"


class DecisionsInterrupted(ContributionError):
    """A bulk moderation stopped at a decision that kept meeting concurrent
    changes: those before it are taken (each committed on its own), the
    rest are not, and may be sent again."""

    status = 409
    kind = "Conflict"
