"""The consultation's only mail: moderators hear of each new contribution,
authors of the fate of theirs (published, or rejected with the reason) and
are asked to confirm it where the site wants that. What each mail says is
the contribution kind's (contributions/); when, is decided here.

Mail goes through the site MailHost (queued until the transaction commits)
in the site language. A contribution never fails because mail does. A site
without a mail server (Site Setup → Mail: no SMTP server or no sender
address) sends nothing: it says so once per process in the log, clearly,
and the moderation page tells moderators that nobody is notified (they find
every contribution waiting there all the same). Any other failure is logged
once per message, without the address.
"""

from plone import api
from smtplib import SMTPException
from torino.socialplan import _
from torino.socialplan import logger
from torino.socialplan.base.attributes import own_attribute
from torino.socialplan.base.site import on_our_sites
from torino.socialplan.base.window import as_rome
from torino.socialplan.consultation.contributions import kind_of
from torino.socialplan.consultation.moderation import reason_title
from torino.socialplan.consultation.moderation import site_language
from torino.socialplan.editorial import MODERATORS
from zope.globalrequest import getRequest
from zope.i18n import translate


def _translate(message, language=None):
    return translate(message, target_language=language or site_language())


NOT_CONFIGURED = (
    "No mail server is configured (Site Setup > Mail: SMTP server and sender "
    "address): the consultation sends no e-mail. Moderators are not told of "
    "new contributions (they wait in each Plan's @@moderation page), authors "
    "get no confirmation link or outcome, people asking for their data get "
    "no link. Configure mail before opening a consultation. (Said once; the "
    "messages that are not sent are not logged one by one.)"
)
_told = []


def mail_configured():
    """Whether the site has an SMTP server and a sender address (what
    plone.api's send_email requires)."""
    return bool(
        api.portal.get_registry_record("plone.smtp_host", default=None)
        and api.portal.get_registry_record("plone.email_from_address", default=None)
    )


def _not_configured():
    if not _told:
        _told.append(True)
        logger.warning(NOT_CONFIGURED)


def send(recipient, subject, body, language=None):
    """Send one message, in ``language`` (the site's by default); False when
    there is no address or mail fails.

    ``body`` is a message or a list of paragraphs: msgids never hold newlines,
    which the .po catalogues cannot carry.
    """
    if not recipient:
        return False
    if not mail_configured():
        _not_configured()
        return False
    paragraphs = body if isinstance(body, list | tuple) else [body]
    text = "\n\n".join(_translate(paragraph, language) for paragraph in paragraphs)
    try:
        api.portal.send_email(
            recipient=recipient, subject=_translate(subject, language), body=text
        )
    except (ValueError, SMTPException, OSError) as error:
        # Neither the address nor the error (which may quote it): logs are
        # kept longer than addresses may be.
        logger.warning("A notification was not sent: %s", type(error).__name__)
        return False
    return True


def moderator_addresses():
    """E-mail addresses of the members of the moderators group, looked up
    once per request: a group commit's leader tells the moderators of every
    post of its group, in the write turn."""
    request = getRequest()
    if request is None:
        return _moderator_addresses()
    cached = request.other.get(_ADDRESSES_KEY)
    if cached is None:
        cached = request.other[_ADDRESSES_KEY] = tuple(_moderator_addresses())
    return list(cached)


_ADDRESSES_KEY = "torino.socialplan.moderator_addresses"


def _moderator_addresses():
    addresses = []
    for member in api.user.get_users(groupname=MODERATORS):
        email = member.getProperty("email", "")
        if email and email not in addresses:
            addresses.append(email)
    return addresses


def _author(obj):
    name = " ".join(
        filter(
            None,
            (own_attribute(obj, "first_name", ""), own_attribute(obj, "last_name", "")),
        )
    )
    name = name or own_attribute(obj, "author_name", "") or ""
    organization = own_attribute(obj, "organization", "")
    return f"{name} ({organization})" if organization else name


def _mapping(kind, obj):
    """What every kind's messages may use, and the kind's own values."""
    plan = kind.plan_of_contribution(obj)
    return {
        "author": _author(obj),
        "name": own_attribute(obj, "first_name", "")
        or own_attribute(obj, "author_name", "")
        or "",
        "plan": plan.Title(),
        "url": kind.page_of(obj).absolute_url(),
        "queue": f"{plan.absolute_url()}/@@moderation",
        "text": own_attribute(obj, kind.text_field, "") or "",
        **kind.mail_mapping(obj),
    }


# Subscribers


@on_our_sites
def contribution_checked(obj, event):
    """Look the moderators up before the write turn: telling them is then
    only a matter of sending (``contribution_ready``, in the turn)."""
    if mail_configured():
        moderator_addresses()


@on_our_sites
def contribution_ready(obj, event):
    """A contribution waits for the moderators: one message each, so that
    they do not see each other's addresses."""
    kind = event.kind
    message = kind.mail("to_moderate", _mapping(kind, obj))
    if message is None:
        return
    for address in moderator_addresses():
        send(address, *message)


@on_our_sites
def confirmation_requested(obj, event):
    """Ask the author of ``obj`` to confirm it by opening the link."""
    kind = event.kind
    mapping = dict(
        _mapping(kind, obj),
        url=event.url,
        expires=as_rome(event.expires).strftime("%d/%m/%Y %H:%M %Z"),
    )
    message = kind.mail("confirm", mapping)
    if message is None:
        return
    subject, body = message
    body = [
        _("Dear ${name},", mapping=mapping),
        *body,
        _(
            "The link works once, until ${expires}; after that the "
            "contribution is deleted.",
            mapping=mapping,
        ),
        _(
            "If you did not write to the consultation, ignore this message: "
            "nothing will be published."
        ),
    ]
    send(kind.email(obj), subject, body)


@on_our_sites
def contribution_transitioned(obj, event):
    """Tell the author their contribution was published or rejected.

    Never for spam. The reason comes with the transition's keyword arguments
    (consultation.moderation.moderate passes it).
    """
    transition = getattr(event.transition, "id", None)
    if transition not in ("publish", "reject"):
        return
    kind = kind_of(obj)
    if kind is None or kind.plan_of_contribution(obj) is None:
        return
    # Moderators' own comments are published at once: no news for them.
    user_id = api.user.get_current().getId()
    if user_id and own_attribute(obj, "author_username") == user_id:
        return
    mapping = _mapping(kind, obj)
    if transition == "publish":
        occasion = "published"
    else:
        occasion = "rejected"
        reason = (event.kwargs or {}).get("reason")
        mapping["reason"] = _translate(
            reason_title(reason) if reason else _("no reason given")
        )
    message = kind.mail(occasion, mapping)
    if message is not None:
        send(kind.email(obj), *message)
