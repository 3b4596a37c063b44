"""A person's request finds their contributions by a keyed digest of the
address (personal_data/address_key.py): decided ones through the catalog,
pending ones by reading them; the index never holds the address, is no
use without the site's secret, and forgets the key with the address."""

from .contributions import comment
from .contributions import OTHER
from .contributions import PERSON
from .contributions import pledge
from plone import api
from plone.app.testing import login
from plone.app.testing import logout
from plone.app.testing import SITE_OWNER_NAME
from Products.CMFCore.indexing import processQueue
from torino.socialplan.consultation.personal_data import address_key
from torino.socialplan.consultation.personal_data import places
from torino.socialplan.consultation.personal_data import rights

import hashlib


def decide(portal, obj, transition):
    login(portal.aq_parent, SITE_OWNER_NAME)
    api.content.transition(obj=obj, transition=transition)
    logout()


def indexed_keys(portal):
    catalog = api.portal.get_tool("portal_catalog")
    return set(catalog._catalog.indexes[address_key.INDEX].uniqueValues())


def test_decided_contributions_are_found_by_key_pending_by_reading(site):
    portal = site["portal"]
    published = comment(site, text="Pubblicato, trovato dall'indice.")
    rejected = comment(site, text="Rifiutato, trovato dall'indice.")
    pending = comment(site, text="In attesa, letto direttamente.")
    promised = pledge(site)
    others = comment(site, email=OTHER, text="Di un altro.")
    assert indexed_keys(portal) == set()  # a post writes no key
    for obj, transition in ((published, "publish"), (rejected, "reject")):
        decide(portal, obj, transition)
    decide(portal, others, "publish")
    processQueue()

    key = address_key.key_of(PERSON)
    assert indexed_keys(portal) == {key, address_key.key_of(OTHER)}
    by_key = {
        brain.getPath() for brain in places.contribution_brains(contributor_key=key)
    }
    path = "/".join
    assert by_key == {
        path(published.getPhysicalPath()),
        path(rejected.getPhysicalPath()),
    }
    found = {path(obj.getPhysicalPath()) for _kind, obj in rights.stored_about(PERSON)}
    assert found == by_key | {
        path(pending.getPhysicalPath()),
        path(promised.getPhysicalPath()),
    }
    # The key is no address and cannot be made without the site's secret.
    assert PERSON not in key and len(key) == 64
    assert address_key.key_of(PERSON) == key  # stable
    assert address_key.key_of(PERSON.upper()) != key  # callers normalise first


def test_a_restricted_search_ignores_the_index(site):
    portal = site["portal"]
    published = comment(site, text="Pubblicato.")
    other = comment(site, email=OTHER, text="Di un altro, pubblicato.")
    comment(site, text="In attesa.")
    decide(portal, published, "publish")
    decide(portal, other, "publish")
    processQueue()
    catalog = api.portal.get_tool("portal_catalog")
    key = address_key.key_of(PERSON)
    logout()

    def paths(**query):
        return sorted(
            b.getPath() for b in catalog(portal_type="Discussion Item", **query)
        )

    everything = paths()
    assert len(everything) == 2
    # Neither the key, nor a bisection by range, nor a sort narrows or
    # orders anything: the criterion is dropped, as if it were not there.
    assert paths(contributor_key=key) == everything
    assert (
        paths(contributor_key=hashlib.sha256(PERSON.encode()).hexdigest()) == everything
    )
    ranged = {"query": "8", "range": "min"}
    assert paths(contributor_key=ranged) == everything
    assert paths(**{"contributor_key.query": "8"}) == everything
    assert [
        b.getPath()
        for b in catalog(portal_type="Discussion Item", sort_on="contributor_key")
    ]
    assert paths(sort_on=["contributor_key"]) == everything
    assert len(catalog.searchResults({"contributor_key": key})) > 1
    # The person's request, unrestricted, still finds by key.
    assert [b.getPath() for b in places.contribution_brains(contributor_key=key)] == [
        "/".join(published.getPhysicalPath())
    ]


def test_erasure_and_retention_take_the_key_out(site):
    portal = site["portal"]
    published = comment(site, text="Pubblicato, poi anonimizzato.")
    rejected = comment(site, email=OTHER, text="Rifiutato, poi cancellato.")
    decide(portal, published, "publish")
    decide(portal, rejected, "reject")
    processQueue()
    assert len(indexed_keys(portal)) == 2

    login(portal.aq_parent, SITE_OWNER_NAME)
    assert rights.erase(PERSON) == {"deleted": 0, "anonymised": 1}
    kind = places.kind_of(rejected)
    assert places.erase_identifiers(kind, rejected)  # as retention does
    processQueue()
    assert indexed_keys(portal) == set()
    assert rights.stored_about(PERSON) == [] and rights.stored_about(OTHER) == []


def test_recall_to_pending_takes_the_key_out_and_reading_still_finds_it(site):
    portal = site["portal"]
    published = comment(site, text="Pubblicato, poi richiamato.")
    decide(portal, published, "publish")
    processQueue()
    assert indexed_keys(portal) == {address_key.key_of(PERSON)}
    decide(portal, published, "recall")
    processQueue()
    assert indexed_keys(portal) == set()
    assert [obj for _kind, obj in rights.stored_about(PERSON)] == [published]
