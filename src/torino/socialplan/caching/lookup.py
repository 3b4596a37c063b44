"""Which REST GETs are cached: the GET of a Plan, Chapter, Action or
Institution (plone.restapi's content GET, which plone.restapi files under the
site-wide ``plone.content.dynamic``), and the GETs that show what readers
contributed to them (``@comments``, ``@pledges``, ``@consultation``).

A lookup of our own, for our browser layer, so that these get our ruleset
while every other REST GET keeps the one plone.restapi gives it.
"""

from plone.caching.interfaces import IRulesetLookup
from plone.rest.interfaces import IService
from torino.socialplan.caching import API_RULESET
from torino.socialplan.content.action import IAction
from torino.socialplan.content.chapter import IChapter
from torino.socialplan.content.institution import IInstitution
from torino.socialplan.content.plan import IPlan
from torino.socialplan.interfaces import IBrowserLayer
from z3c.caching.registry import lookup
from zope.component import adapter
from zope.interface import implementer


PUBLIC_TYPES = (IPlan, IChapter, IAction, IInstitution)
# Service names as plone.rest publishes them ("GET_application_json_" + name).
CACHED_SERVICES = ("", "@comments", "@pledges", "@consultation")
SERVICE_PREFIX = "GET_application_json_"


def cached_service(service):
    name = getattr(service, "__name__", None) or ""
    if not name.startswith(SERVICE_PREFIX):
        return False
    if name[len(SERVICE_PREFIX) :] not in CACHED_SERVICES:
        return False
    context = getattr(service, "context", None)
    return any(iface.providedBy(context) for iface in PUBLIC_TYPES)


@implementer(IRulesetLookup)
@adapter(IService, IBrowserLayer)
class ServiceRulesetLookup:
    def __init__(self, published, request):
        self.published = published
        self.request = request

    def __call__(self):
        if self.request.get("REQUEST_METHOD") in ("GET", "HEAD") and cached_service(
            self.published
        ):
            return API_RULESET
        # What plone.caching's default lookup answers.
        return lookup(self.published)
