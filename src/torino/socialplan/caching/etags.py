"""An ETag component that changes when what a page says about the
consultation window changes by itself, with no edit to purge on: its state
(upcoming, open, closed) and the hour (the time left it shows)."""

from plone.app.caching.interfaces import IETagValue
from plone.app.caching.operations.utils import getContext
from plone.registry.interfaces import IRegistry
from torino.socialplan.base.window import now_in_rome
from torino.socialplan.content.plan import containing_plan
from zope.component import adapter
from zope.component import getUtility
from zope.interface import implementer
from zope.interface import Interface

import hashlib


@implementer(IETagValue)
@adapter(Interface, Interface)
class ConsultationWindow:
    def __init__(self, published, request):
        self.published = published
        self.request = request

    def __call__(self):
        context = getattr(self.published, "context", None)
        if context is None:
            context = getContext(self.published)
        plan = containing_plan(context) if context is not None else None
        if plan is None:
            return ""
        return f"{plan.window().state}-{now_in_rome():%Y%m%d%H}"


# theme/settings.py's records: the promoters' names, logos and contacts.
IDENTITY_PREFIX = "torino.socialplan.identity."


@implementer(IETagValue)
@adapter(Interface, Interface)
class SiteIdentity:
    """Changes when the promoters' header or footer changes (a registry
    edit: no content is modified, nothing is purged)."""

    def __init__(self, published, request):
        self.published = published
        self.request = request

    def __call__(self):
        registry = getUtility(IRegistry)
        records = registry.records.items(IDENTITY_PREFIX, IDENTITY_PREFIX + "\uffff")
        values = repr([(name, record.value) for name, record in records])
        return hashlib.sha256(values.encode("utf-8")).hexdigest()[:10]
