"""What ``@consultation`` and the moderators' counters say, per place and state."""

from torino.socialplan.base.states import COMMENT
from torino.socialplan.base.states import PLEDGE
from torino.socialplan.base.states import UNPUBLISHED
from torino.socialplan.consultation.contributions import confirmation
from torino.socialplan.consultation.statistics.catalog_entries import entries
from torino.socialplan.consultation.statistics.catalog_entries import (
    inline_comment_count,
)
from torino.socialplan.consultation.statistics.catalog_entries import paper_count
from torino.socialplan.consultation.statistics.catalog_entries import query_for
from torino.socialplan.consultation.statistics.structure import outline
from torino.socialplan.consultation.statistics.structure import portal_catalog


def count_by_place(the_outline, found):
    """Published comments and Pledges per Chapter and per Action."""
    comments, pledges = {}, {}
    for entry in found:
        if entry.kind == COMMENT:
            comments[entry.content] = comments.get(entry.content, 0) + 1
            chapter = the_outline.chapter_of(entry.content)
            if chapter is not None and chapter.path != entry.content:
                comments[chapter.path] = comments.get(chapter.path, 0) + 1
        else:
            chapters = set()
            for action in entry.actions:
                pledges[action] = pledges.get(action, 0) + 1
                chapters.add(the_outline.nodes[action].chapter)
            for chapter in chapters:
                pledges[chapter] = pledges.get(chapter, 0) + 1
    return comments, pledges


def moderation_counts(plan):
    """{"comments": {state: n}, "pledges": {state: n}} of what is not
    published, as the moderation queue counts it: for moderators only."""
    catalog = portal_catalog()
    awaiting = confirmation.awaiting_paths()
    counts = {}
    for kind, key in ((COMMENT, "comments"), (PLEDGE, "pledges")):
        counts[key] = {}
        for state in UNPUBLISHED:
            brains = catalog.unrestrictedSearchResults(
                **query_for(plan, kind, (state,))
            )
            if awaiting:
                total = sum(1 for b in brains if b.getPath() not in awaiting)
            else:
                total = len(brains)
            counts[key][state] = total
    return counts


def consultation_status(plan, moderation=False, now=None):
    """What ``GET {plan}/@consultation`` answers (without its "@id")."""
    status = plan.window(now)
    the_outline = outline(plan)
    found = entries(plan, the_outline)
    comments, pledges = count_by_place(the_outline, found)
    counts = {
        "comments": sum(1 for e in found if e.kind == COMMENT),
        "inline_comments": inline_comment_count(the_outline),
        "replies": sum(1 for e in found if e.kind == COMMENT and e.reply),
        "pledges": sum(1 for e in found if e.kind == PLEDGE),
        "position_papers": paper_count(found),
        "by_chapter": [
            {
                "@id": chapter.url,
                "uid": chapter.uid,
                "title": chapter.title,
                "comments": comments.get(chapter.path, 0),
                "pledges": pledges.get(chapter.path, 0),
                "actions": [
                    {
                        "@id": action.url,
                        "uid": action.uid,
                        "code": action.code,
                        "title": action.title,
                        "comments": comments.get(action.path, 0),
                        "pledges": pledges.get(action.path, 0),
                    }
                    for action in the_outline.actions[chapter.path]
                ],
            }
            for chapter in the_outline.chapters
        ],
    }
    if moderation:
        counts["moderation"] = moderation_counts(plan)
    return {**status.as_json(), "counts": counts}
