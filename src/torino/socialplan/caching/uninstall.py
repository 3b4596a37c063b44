"""Our caching settings off the site on uninstall.

GenericSetup's registry import can remove records (profiles/uninstall/
registry/caching.xml does) but not keys of a dictionary record: the
ruleset mappings are shared with plone.app.caching and other add-ons, so
only our keys are taken out of them.
"""

from plone.registry.interfaces import IRegistry
from torino.socialplan.caching import RULESETS
from zope.component import queryUtility


UNINSTALL_PROFILE = "profile-torino.socialplan:uninstall"
OPERATION_MAPPING = "plone.caching.interfaces.ICacheSettings.operationMapping"
TYPE_MAPPING = (
    "plone.app.caching.interfaces.IPloneCacheSettings.contentTypeRulesetMapping"
)
TEMPLATE_MAPPING = (
    "plone.app.caching.interfaces.IPloneCacheSettings.templateRulesetMapping"
)


def remove_our_mappings(registry):
    for name in (OPERATION_MAPPING, TYPE_MAPPING, TEMPLATE_MAPPING):
        if name not in registry.records:
            continue
        mapping = registry[name] or {}
        kept = {
            key: value
            for key, value in mapping.items()
            if key not in RULESETS and value not in RULESETS
        }
        if kept != mapping:
            registry[name] = kept


def on_profile_imported(event):
    if event.profile_id != UNINSTALL_PROFILE:
        return
    registry = queryUtility(IRegistry)
    if registry is not None:
        remove_our_mappings(registry)
