"""Pending words and names stay out of the catalog's text indexes and of
those keyed by a contribution's id or name (consultation/indexing.py).

Two people posting at the same moment must both get their comment stored:
indexing a pending text wrote the shared lexicon (a new word takes the next
word id), so two concurrent posts with new words always conflicted. The text
is indexed on the moderator's decision and dropped on a recall.
"""

from plone import api
from plone.app.discussion.interfaces import IComment
from plone.app.discussion.interfaces import IConversation
from plone.app.testing import login
from plone.app.testing import logout
from plone.app.testing import TEST_USER_NAME
from Products.CMFCore.indexing import processQueue
from Products.CMFCore.interfaces import ICatalogAware
from Testing.makerequest import makerequest
from tests.support.contributions import VALID
from tests.support.plans import open_plan
from torino.socialplan.consultation import moderation
from torino.socialplan.consultation.contributions import submit
from torino.socialplan.consultation.indexing import TEXT_INDEXES
from torino.socialplan.consultation.indexing import UNTIL_DECIDED
from ZODB.POSException import ConflictError
from zope.component.hooks import setSite
from zope.event import notify
from zope.globalrequest import setRequest
from zope.traversing.interfaces import BeforeTraverseEvent

import pytest
import threading
import transaction


PLEDGE = {
    "first_name": "Ettore",
    "last_name": "Quaglierini",
    "organization": "Consorzio Zafferano",
    "organization_type": "social_enterprise",
    "email": "ettore.private@example.org",
    "contribution": "Tutoraggio per le imprese sociali dei quartieri.",
    "privacy_consent": True,
}


def comment_data(text, surname="Rossi"):
    return dict(VALID, text=text, last_name=surname)


def found(**query):
    catalog = api.portal.get_tool("portal_catalog")
    return [b.getPath() for b in catalog.unrestrictedSearchResults(**query)]


def known_word(word):
    lexicon = api.portal.get_tool("portal_catalog").plone_lexicon
    return lexicon.termToWordIds(word) != [0]


def path(obj):
    return "/".join(obj.getPhysicalPath())


def provided(obj):
    """What the ``object_provides`` index holds for ``obj``."""
    catalog = api.portal.get_tool("portal_catalog")
    processQueue()
    rid = catalog._catalog.uids[path(obj)]
    return list(catalog._catalog.getIndex("object_provides").getEntryForObject(rid))


def decide(site, obj, transition):
    with api.env.adopt_roles(["Manager"]):
        moderation.moderate(site["plan"], [obj.absolute_url()], transition)


def test_a_pending_comment_writes_nothing_to_the_text_indexes(site):
    comment = submit(
        "comment",
        site["chapter"],
        comment_data("Servono laboratori xilografici.", "Zanardelli"),
        site["portal"].REQUEST,
    )
    processQueue()  # what the transaction would index at commit
    assert not known_word("xilografici")
    assert not known_word("zanardelli")
    catalog = api.portal.get_tool("portal_catalog")
    rid = catalog._catalog.uids[path(comment)]
    for name in UNTIL_DECIDED:
        index = catalog._catalog.getIndex(name)
        if name in TEXT_INDEXES:
            assert not index.index.has_doc(rid), name
        else:
            assert rid not in index.documentToKeyMap(), name
    # The moderation queue still finds it by its state.
    assert path(comment) in found(portal_type="Discussion Item", review_state="pending")
    assert path(comment) in found(
        portal_type="Discussion Item", review_state="pending", sort_on="created"
    )
    assert found(getId=comment.getId()) == []
    # plone.app.discussion's moderation view finds it as a comment; by
    # what else it provides, once decided.
    assert path(comment) in found(
        object_provides=IComment.__identifier__, review_state="pending"
    )
    assert provided(comment) == [IComment.__identifier__]
    # Its metadata is whole: listings show its id and title.
    brain = api.portal.get_tool("portal_catalog").unrestrictedSearchResults(
        UID=api.content.get_uuid(comment)
    )[0]
    assert brain.getId == comment.getId()
    assert "Zanardelli" in brain.Title


@pytest.mark.parametrize("transition", ["publish", "reject", "mark_as_spam"])
def test_a_decision_indexes_the_words(site, transition):
    comment = submit(
        "comment",
        site["chapter"],
        comment_data("Servono laboratori xilografici.", "Zanardelli"),
        site["portal"].REQUEST,
    )
    decide(site, comment, transition)
    assert found(SearchableText="xilografici") == [path(comment)]
    assert found(Description="xilografici") == [path(comment)]
    assert found(Title="Zanardelli") == [path(comment)]
    assert found(getId=comment.getId()) == [path(comment)]
    assert found(id=comment.getId()) == [path(comment)]
    assert ICatalogAware.__identifier__ in provided(comment)
    assert path(comment) in found(object_provides=ICatalogAware.__identifier__)
    # A site search sorted by title still lists it.
    assert path(comment) in found(
        portal_type="Discussion Item", sort_on="sortable_title"
    )
    brain = api.portal.get_tool("portal_catalog").unrestrictedSearchResults(
        UID=api.content.get_uuid(comment)
    )[0]
    assert "Zanardelli" in brain.Title
    assert "xilografici" in brain.Description


def test_a_recall_to_pending_drops_the_words(site):
    comment = submit(
        "comment",
        site["chapter"],
        comment_data("Servono laboratori xilografici."),
        site["portal"].REQUEST,
    )
    decide(site, comment, "publish")
    assert found(SearchableText="xilografici") == [path(comment)]
    with api.env.adopt_roles(["Manager"]):
        api.content.transition(obj=comment, transition="recall")
    assert found(SearchableText="xilografici") == []
    assert found(Description="xilografici") == []
    assert found(getId=comment.getId()) == []
    assert path(comment) in found(portal_type="Discussion Item", review_state="pending")
    processQueue()
    assert provided(comment) == [IComment.__identifier__]


def test_a_pledge_is_found_by_its_title_once_published(site):
    data = dict(PLEDGE, actions=[api.content.get_uuid(site["action"])])
    pledge = submit("pledge", site["plan"], data, site["portal"].REQUEST)
    processQueue()
    assert not known_word("quaglierini")
    assert found(Title="Quaglierini") == []
    assert found(SearchableText="Zafferano") == []
    decide(site, pledge, "publish")
    assert found(Title="Quaglierini") == [path(pledge)]
    assert found(SearchableText="Zafferano") == [path(pledge)]


def _post_in_thread(db, text, surname, started, turn, done, outcome):
    """One request: its own connection (and thread-local transaction),
    begun before the other commits."""
    connection = db.open()
    try:
        _post(connection, text, surname, started, turn, outcome)
    except Exception as error:  # reported by the test
        outcome.append(error)
        started.abort()
    finally:
        transaction.abort()
        setSite(None)
        setRequest(None)
        connection.close()
        done.set()


def _post(connection, text, surname, started, turn, outcome):
    app = makerequest(connection.root()["Application"])
    portal = app["plone"]
    setSite(portal)
    setRequest(app.REQUEST)
    notify(BeforeTraverseEvent(portal, app.REQUEST))  # the site's browser layers
    chapter = portal.unrestrictedTraverse("plan/lavoro")
    submit("comment", chapter, comment_data(text, surname), app.REQUEST)
    started.wait()
    turn.wait(timeout=60)
    try:
        transaction.commit()
        outcome.append("stored")
    except ConflictError as error:
        outcome.append(error)


def test_two_people_posting_at_once_both_get_stored(functional_portal):
    """Two transactions from the same snapshot, each adding a comment with
    words the site has never seen, to the same Chapter: the second commit
    must resolve against the first (before, the lexicon always conflicted)."""
    site = open_plan(functional_portal)
    logout()
    # A page already discussed: its conversation exists (the first two
    # comments ever on a page do both create it, and one is retried).
    submit("comment", site["chapter"], dict(VALID), functional_portal.REQUEST)
    transaction.commit()
    db = functional_portal._p_jar.db()
    started = threading.Barrier(2)
    turns = [threading.Event(), threading.Event()]
    dones = [threading.Event(), threading.Event()]
    outcomes = [[], []]
    threads = [
        threading.Thread(
            target=_post_in_thread,
            args=(db, text, surname, started, turns[n], dones[n], outcomes[n]),
        )
        for n, (text, surname) in enumerate(
            [
                ("Proponiamo orti verticali condominiali.", "Bracciolini"),
                ("Chiediamo sportelli itineranti serali.", "Castracani"),
            ]
        )
    ]
    for thread in threads:
        thread.start()
    turns[0].set()
    assert dones[0].wait(timeout=60)
    turns[1].set()
    assert dones[1].wait(timeout=60)
    for thread in threads:
        thread.join(timeout=10)
    assert outcomes == [["stored"], ["stored"]]
    transaction.abort()
    login(functional_portal, TEST_USER_NAME)
    conversation = IConversation(functional_portal["plan"]["lavoro"])
    texts = sorted(c.text for c in conversation.getComments())
    assert texts == sorted(
        [
            VALID["text"],
            "Chiediamo sportelli itineranti serali.",
            "Proponiamo orti verticali condominiali.",
        ]
    )
