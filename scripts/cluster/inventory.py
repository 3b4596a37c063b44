"""What the site stores, as JSON: to compare a database before and after a
move (scripts/cluster/migrate.sh runs it on both sides).

    zconsole run <zope.conf> scripts/cluster/inventory.py OUTPUT.json

Every content object (path, type, review state, number of saved versions,
blob sizes), every comment (path, id, state, text) and pledge, and every
moderation audit entry of each Plan. Read only: nothing is committed.
"""

from Acquisition import aq_base
from plone.app.discussion.interfaces import IConversation
from plone.namedfile.interfaces import INamedBlobFile
from Products.CMFEditions.interfaces.IArchivist import ArchivistUnregisteredError
from torino.socialplan.consultation.moderation import audit_log
from zope.component.hooks import setSite

import hashlib
import json
import os
import sys


def workflow_state(site, obj):
    return site.portal_workflow.getInfoFor(obj, "review_state", None)


def versions(site, obj):
    repository = site.portal_repository
    if not repository.isVersionable(obj):
        return 0
    try:
        history = repository.getHistoryMetadata(obj)
    except ArchivistUnregisteredError:
        return 0
    return history.getLength(countPurged=False) if history else 0


def blobs(obj):
    found = {}
    for name, value in vars(aq_base(obj)).items():
        if INamedBlobFile.providedBy(value):
            data = value.data
            found[name] = [len(data), hashlib.sha256(data).hexdigest()]
    return found


def inventory(site):
    setSite(site)
    content, comments, audits = [], [], {}
    root = len(site.getPhysicalPath())
    for brain in site.portal_catalog.unrestrictedSearchResults(
        path="/".join(site.getPhysicalPath()), sort_on="path"
    ):
        obj = brain._unrestrictedGetObject()
        path = "/".join(obj.getPhysicalPath()[root:])
        if brain.portal_type == "Discussion Item":
            continue
        content.append(
            {
                "path": path,
                "type": obj.portal_type,
                "state": workflow_state(site, obj),
                "versions": versions(site, obj),
                "blobs": blobs(obj),
            }
        )
        conversation = IConversation(obj, None)
        if conversation is not None:
            for comment in conversation.getComments():
                comments.append(
                    {
                        "on": path,
                        "id": comment.id,
                        "state": workflow_state(site, comment),
                        "text": comment.text,
                        "in_reply_to": comment.in_reply_to,
                    }
                )
        if obj.portal_type == "Plan":
            audits[path] = [
                {k: v for k, v in entry.items() if k != "@id"}
                for entry in audit_log(obj)
            ]
    return {"content": content, "comments": comments, "audit": audits}


def main(app, output):
    site_id = os.environ.get("SITE_ID") or "Plone"
    result = inventory(app[site_id])
    with open(output, "w", encoding="utf-8") as stream:
        json.dump(result, stream, indent=1, sort_keys=True, default=str)
    print(
        f"[inventory] {len(result['content'])} content objects "
        f"({sum(c['versions'] for c in result['content'])} versions, "
        f"{sum(len(c['blobs']) for c in result['content'])} blobs), "
        f"{len(result['comments'])} comments, "
        f"{sum(len(a) for a in result['audit'].values())} audit entries"
    )


if __name__ == "__main__":
    try:
        main(app, sys.argv[-1])  # noqa: F821
    finally:
        app._p_jar.db().close()  # noqa: F821
