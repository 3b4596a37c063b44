"""What the pipeline tells the rest of the site (mail, caches) about a
contribution, whatever its kind."""

from zope.interface import Attribute
from zope.interface import implementer
from zope.interface.interfaces import IObjectEvent
from zope.interface.interfaces import ObjectEvent


class IContributionReady(IObjectEvent):
    """A contribution now waits for the moderators: just sent, or just
    confirmed by its author."""

    kind = Attribute("Its IContributionKind")


class IContributionChecked(IObjectEvent):
    """A contribution to ``object`` (the page it is sent on) passed its
    checks and is about to be stored, outside the write turn: what its
    storing will need can be looked up now (``prepare``)."""

    kind = Attribute("Its IContributionKind")


class IConfirmationRequested(IObjectEvent):
    """A contribution waits for its author to open the confirmation link."""

    kind = Attribute("Its IContributionKind")
    url = Attribute("The confirmation link")
    expires = Attribute("When the link stops working (aware datetime)")


@implementer(IContributionReady)
class ContributionReady(ObjectEvent):
    def __init__(self, obj, kind):
        super().__init__(obj)
        self.kind = kind


@implementer(IContributionChecked)
class ContributionChecked(ObjectEvent):
    def __init__(self, obj, kind):
        super().__init__(obj)
        self.kind = kind


@implementer(IConfirmationRequested)
class ConfirmationRequested(ObjectEvent):
    def __init__(self, obj, kind, url, expires):
        super().__init__(obj)
        self.kind = kind
        self.url = url
        self.expires = expires
