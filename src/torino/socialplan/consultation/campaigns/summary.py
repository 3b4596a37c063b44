"""Campaigns in the report, as the European Commission counts them: one
representative, the count, and what members added to it. Published
contributions only: what is counted can be read."""

from torino.socialplan.consultation.campaigns import matching
from torino.socialplan.consultation.campaigns.plan_campaigns import campaign_index
from torino.socialplan.consultation.campaigns.plan_campaigns import contribution_at
from torino.socialplan.consultation.campaigns.plan_campaigns import text_of


# Members read for what they add, per campaign (the count covers them all).
ADDITIONS_READ = 20


def report_campaigns(plan, published_paths, additions_read=ADDITIONS_READ):
    """The campaigns of at least two published contributions (their full
    paths in ``published_paths``), largest first: [{"id", "count",
    "representative": {"@id", "text"}, "additions": [{"@id", "adds"}],
    "read": how many members were read for additions}]."""
    index = campaign_index(plan, create=False)
    if index is None or not index.groups:
        return []
    base = "/".join(plan.getPhysicalPath()) + "/"
    published = {p[len(base) :] for p in published_paths if p.startswith(base)}
    result = []
    for group in index.groups.values():
        keys = [key for key in index.group_keys(group) if key in published]
        if len(keys) < 2:
            continue
        template = index.template(group).key
        representative_key = template if template in published else keys[0]
        representative = contribution_at(plan, representative_key)
        if representative is None:
            continue
        template_text = text_of(representative)
        additions, read = [], 0
        for key in keys:
            if key == representative_key:
                continue
            if read >= additions_read:
                break
            obj = contribution_at(plan, key)
            if obj is None:
                continue
            read += 1
            adds = matching.additions(template_text, text_of(obj))
            if adds:
                additions.append({"@id": obj.absolute_url(), "adds": adds})
        result.append(
            {
                "id": group.gid,
                "count": len(keys),
                "representative": {
                    "@id": representative.absolute_url(),
                    "text": template_text,
                },
                "additions": additions,
                "read": read,
            }
        )
    result.sort(key=lambda c: -c["count"])
    return result
