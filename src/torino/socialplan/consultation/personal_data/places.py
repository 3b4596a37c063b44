"""Every place that holds a person's e-mail address, or something that
identifies them beyond the published name, and how to erase it there.
Access (rights.py), retention (retention.py) and erasure reach them all
through this module; a pack of the database then removes the old revisions
(``make pack``).

- On each comment: ``author_email`` (plone.app.discussion's), the
  confirmation token's hash and expiry (contributions/confirmation.py) and
  ``user_notification`` (plone.app.discussion's opt-in to replies), the
  opt-in to be told the outcome by e-mail and the language the person wrote
  in (contributions/outcome_opt_in.py).
- On each Pledge: ``email`` and the same confirmation and opt-in attributes.
- The confirmation tokens' index, a site annotation {hash: (path, expiry)}.
- The links of rights.py, a site annotation {hash: (address, expiry)}.
- The moderation audit (moderation/audit.py): who decided, and their note.
- In the catalog, no address: a keyed digest of it (``contributor_key``,
  address_key.py), on decided contributions, goes with the address.
- Not here, by construction: the rest of the catalog (no index or metadata
  column holds an address: consultation/indexing.py), CMFEditions (comments are kept out
  of the texts' versions, discussion/versioning.py; Pledges are not
  versioned: profiles/default/repositorytool.xml), the rate limits (keyed by
  network address, in memory or Redis, forgotten within the hour:
  guards.py).
- Outside the database: mail queued and not yet sent, when the MailHost
  queues, and zope.sendmail's log lines (mail_queue.py). Beyond the
  MailHost, a queue is the mail server's, kept as its policy says.
"""

from Acquisition import aq_base
from plone import api
from torino.socialplan.base.states import PORTAL_TYPES
from torino.socialplan.consultation.contributions import confirmation
from torino.socialplan.consultation.contributions import outcome_opt_in
from torino.socialplan.consultation.contributions.kinds import kind_of
from torino.socialplan.consultation.legal import notice
from torino.socialplan.consultation.personal_data import address_key
from z3c.relationfield import RelationValue
from zope.component import queryUtility
from zope.intid.interfaces import IIntIds


# Attributes that identify a person beyond the published name, on any kind.
IDENTIFYING = (
    confirmation.AWAITING,
    confirmation.HASH,
    confirmation.EXPIRES,
    "user_notification",
    outcome_opt_in.OPT_IN,
    outcome_opt_in.LANGUAGE,
)
# What erasure leaves as the name and organisation of a published contribution.
ANONYMISED = "Contributo anonimizzato su richiesta"
NAME_FIELDS = ("first_name", "last_name", "organization")


def contribution_brains(path=None, **query):
    """Catalog entries of every comment and Pledge (under ``path``, and
    matching ``query``)."""
    catalog = api.portal.get_tool("portal_catalog")
    # Only contributions carry a key; asking the type too would read its
    # whole index (every contribution) to intersect with a handful.
    if "contributor_key" not in query:
        query["portal_type"] = list(PORTAL_TYPES.values())
    if path is not None:
        query["path"] = path
    return catalog.unrestrictedSearchResults(**query)


def contributions(path=None, **query):
    """(kind, object) of every comment and Pledge (under ``path``, and
    matching ``query``)."""
    for brain in contribution_brains(path, **query):
        try:
            obj = brain._unrestrictedGetObject()
        except (AttributeError, KeyError):
            continue
        kind = kind_of(obj)
        if kind is not None:
            yield kind, obj


def has_identifiers(kind, obj):
    own = aq_base(obj).__dict__
    return bool(own.get(kind.email_field)) or any(
        own.get(name) not in (None, False) for name in IDENTIFYING
    )


def erase_identifiers(kind, obj):
    """Erase the address, confirmation token and notification opt-in of
    ``obj``; True if anything was there. Published text and names stay."""
    if not has_identifiers(kind, obj):
        return False
    base = aq_base(obj)
    digest = base.__dict__.get(confirmation.HASH)
    tokens = confirmation._tokens()
    if digest and tokens is not None and digest in tokens:
        del tokens[digest]
    setattr(base, kind.email_field, None)
    for name in IDENTIFYING:
        if name in base.__dict__:
            delattr(base, name)
    # No reindex: no index or metadata column holds these (indexing.py);
    # only the address's keyed digest goes (address_key.py).
    address_key.forget(obj)
    base._p_changed = True
    return True


def forget_relations(obj):
    """Take ``obj``'s relations (a Pledge's ``actions``) out of the intid
    utility. z3c.relationfield registers each RelationValue there and, when
    the object is deleted, unindexes it from the relation catalog but leaves
    it registered: the RelationValue, whose ``__parent__`` is the deleted
    object, would keep it (and its text) alive through every pack."""
    intids = queryUtility(IIntIds)
    if intids is None:
        return 0
    forgotten = 0
    for value in aq_base(obj).__dict__.values():
        relations = value if isinstance(value, list | tuple) else [value]
        for relation in relations:
            registered = isinstance(relation, RelationValue) and (
                intids.queryId(relation) is not None
            )
            if registered:
                intids.unregister(relation)
                forgotten += 1
    return forgotten


def delete(kind, obj):
    """Delete a contribution so that nothing keeps it: its identifiers and
    token erased first (the token's index too), its relations forgotten."""
    erase_identifiers(kind, obj)
    with api.env.adopt_roles(["Manager"]):
        kind.remove(obj)
    forget_relations(obj)


def anonymise(kind, obj):
    """A published contribution kept in the public record, its author no
    longer named: name and organisation replaced, identifiers erased."""
    base = aq_base(obj)
    base.first_name = ANONYMISED
    base.last_name = ""
    if getattr(base, "organization", None):
        base.organization = ANONYMISED
    if hasattr(base, "author_name"):
        base.author_name = ANONYMISED
    erase_identifiers(kind, obj)
    obj.reindexObject()


def describe(kind, obj):
    """What is stored about the author in ``obj``, for the person's export."""
    base = aq_base(obj)
    state = kind.state(obj)
    created = getattr(base, "creation_date", None) or getattr(base, "created", None)
    if callable(created):
        created = created()
    target = kind.target_of(obj)
    return {
        "kind": kind.name,
        "state": state,
        "url": kind.page_of(obj).absolute_url(),
        "about": target.Title() if target is not None else "",
        "created": str(created) if created is not None else None,
        "first_name": getattr(base, "first_name", None),
        "last_name": getattr(base, "last_name", None),
        "organization": getattr(base, "organization", None),
        "organization_type": getattr(base, "organization_type", None),
        "email": getattr(base, kind.email_field, None),
        "text": getattr(base, kind.text_field, None),
        "privacy_notice_version": notice.accepted_version(obj),
        "awaiting_confirmation": bool(base.__dict__.get(confirmation.AWAITING)),
        "user_notification": base.__dict__.get("user_notification"),
        "outcome_mail_opt_in": base.__dict__.get(outcome_opt_in.OPT_IN),
        "contribution_language": base.__dict__.get(outcome_opt_in.LANGUAGE),
    }
