"""The privacy notice's versions, and the version each contribution accepted.

The current version is the ``notice_version`` setting. The text of each
version is kept, as rendered in Italian and English, in a site annotation
{version: {"date", "it", "en"}}: the control panel (browser/legal) writes the
current version's text whenever the settings change, so a version's text is
what it was when a newer one replaced it, and stays readable.

Each contribution stores the version its author accepted in
``ACCEPTED_ATTRIBUTE`` (set by the pipeline, the one path of contributions).
It is private: no public allow-list (consultation/privacy.py) names it.
"""

from Acquisition import aq_base
from BTrees.IOBTree import IOBTree
from persistent.mapping import PersistentMapping
from plone import api
from torino.socialplan.consultation.legal import settings
from zope.annotation.interfaces import IAnnotations


ACCEPTED_ATTRIBUTE = "privacy_notice_version"
VERSIONS_KEY = "torino.socialplan.legal.notice-versions"


def current_version():
    version = settings.get("notice_version")
    return version if isinstance(version, int) and version >= 1 else 1


def accepted_version(obj):
    """The version of the notice the author of ``obj`` accepted, or None
    (contributions stored before versions were recorded)."""
    return getattr(aq_base(obj), ACCEPTED_ATTRIBUTE, None)


def _versions(create=False):
    annotations = IAnnotations(api.portal.get())
    versions = annotations.get(VERSIONS_KEY)
    if versions is None and create:
        versions = annotations[VERSIONS_KEY] = IOBTree()
    return versions


def keep_text(version, date, texts):
    """Keep ``texts`` ({language: html}) as the text of ``version``."""
    entry = PersistentMapping({"date": date, **texts})
    _versions(create=True)[int(version)] = entry


def kept_text(version, language):
    """(html, date) of a kept version in ``language``, or None."""
    versions = _versions()
    entry = versions.get(int(version)) if versions is not None else None
    if entry is None:
        return None
    return entry.get(language) or entry.get("it"), entry.get("date")


def kept_versions():
    """[(version, date)] of every kept version, oldest first."""
    versions = _versions()
    if versions is None:
        return []
    return [(version, entry.get("date")) for version, entry in versions.items()]
