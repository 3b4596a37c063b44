"""A process builds its campaign buckets when it starts (the database
opened event), not in the first post: after ``warm_plans`` the Plan's
buckets hold every stored signature, and a post finds them ready."""

from plone.app.testing import logout
from tests.support.contributions import VALID
from tests.support.plans import open_plan
from torino.socialplan.consultation import guards
from torino.socialplan.consultation.campaigns import index as campaigns
from torino.socialplan.consultation.campaigns.plan_campaigns import campaign_index
from torino.socialplan.consultation.campaigns.plan_campaigns import key_of
from torino.socialplan.consultation.campaigns.plan_campaigns import warm_plans
from torino.socialplan.consultation.contributions import submit

import transaction


TEXT = (
    "Chiediamo al Piano di finanziare corsi di formazione per le cooperative "
    "sociali di Torino e della sua area metropolitana, con tutor dedicati. {}"
)


def test_the_buckets_are_warm_before_the_first_post(functional_portal):
    site = open_plan(functional_portal)
    logout()  # anonymous posts wait for the moderators: grouped
    chapter = site["chapter"]
    for number in range(5):
        guards.reset_rate_limits()
        submit(
            "comment",
            chapter,
            dict(VALID, text=TEXT.format(f"Firmato: socio {number}.")),
            chapter.REQUEST,
        )
    transaction.commit()
    index = campaign_index(site["plan"])
    assert len(index.members) == 5
    indexed = sum(1 for member in index.members.values() if member.indexed)
    assert indexed >= 1
    key = campaigns._cache_key(index)
    campaigns._shared.clear()  # a new process

    assert warm_plans(functional_portal._p_jar.db()) == indexed

    buckets = campaigns._shared[key]
    assert buckets.size == indexed
    # A post now uses those buckets: none is built for it.
    guards.reset_rate_limits()
    comment = submit(
        "comment",
        chapter,
        dict(VALID, text=TEXT.format("Firmato: socio 6.")),
        chapter.REQUEST,
    )
    transaction.commit()
    assert campaigns._shared[key] is buckets
    assert index.group_of(key_of(site["plan"], comment)) is not None
    # A regroup (a new generation) is rebuilt by the next warm-up too.
    index.generation += 1
    transaction.commit()
    warm_plans(functional_portal._p_jar.db())
    assert campaigns._shared[key] is not buckets
    assert campaigns._shared[key].generation == index.generation
