"""The consultation's only mail: moderators hear of each new contribution,
authors of the fate of theirs (published, or rejected with the reason).

Mail goes through the site MailHost (queued until the transaction commits)
in the site language. A contribution never fails because mail does: a site
without a configured MailHost only logs a warning.
"""

from Acquisition import aq_parent
from plone import api
from plone.app.discussion.interfaces import IComment
from smtplib import SMTPException
from torino.socialplan import _
from torino.socialplan import logger
from torino.socialplan.base.window import as_rome
from torino.socialplan.consultation import confirmation
from torino.socialplan.consultation.moderation import reason_title
from torino.socialplan.consultation.moderation import site_language
from torino.socialplan.consultation.privacy import may_moderate
from torino.socialplan.consultation.privacy import own
from torino.socialplan.content.plan import containing_plan
from torino.socialplan.editorial import MODERATORS
from zope.i18n import translate


def _translate(message):
    return translate(message, target_language=site_language())


def send(recipient, subject, body):
    """Send one message; False when there is no address or mail fails.

    ``body`` is a message or a list of paragraphs: msgids never hold newlines,
    which the .po catalogues cannot carry.
    """
    if not recipient:
        return False
    paragraphs = body if isinstance(body, list | tuple) else [body]
    text = "\n\n".join(_translate(paragraph) for paragraph in paragraphs)
    try:
        api.portal.send_email(
            recipient=recipient, subject=_translate(subject), body=text
        )
    except (ValueError, SMTPException, OSError) as error:
        logger.warning("Notification to %s not sent: %s", recipient, error)
        return False
    return True


def moderator_addresses():
    """E-mail addresses of the members of the moderators group."""
    addresses = []
    for member in api.user.get_users(groupname=MODERATORS):
        email = member.getProperty("email", "")
        if email and email not in addresses:
            addresses.append(email)
    return addresses


def _author(obj):
    name = " ".join(
        filter(None, (own(obj, "first_name", ""), own(obj, "last_name", "")))
    )
    name = name or own(obj, "author_name", "") or ""
    organization = own(obj, "organization", "")
    return f"{name} ({organization})" if organization else name


def _tell_moderators(subject, body):
    # One message each: moderators do not see each other's addresses.
    for address in moderator_addresses():
        send(address, subject, body)


# Subscribers


def comment_added(context, event):
    """A comment or reply on content of a Plan waits for moderators."""
    plan = containing_plan(context)
    if plan is None:
        return
    comment = event.comment
    workflow = api.portal.get_tool("portal_workflow")
    if workflow.getInfoFor(comment, "review_state", None) != "pending":
        return
    # A moderator's own comment is published at once: nothing to review.
    if may_moderate(plan):
        return
    # E-mail confirmation: moderators hear of it once its author confirms.
    if confirmation.is_awaiting(comment):
        return
    _comment_to_moderate(context, plan, comment)


def _comment_to_moderate(context, plan, comment):
    mapping = {
        "author": _author(comment),
        "target": context.Title(),
        "queue": f"{plan.absolute_url()}/@@moderation",
    }
    _tell_moderators(
        _("New comment to moderate on ${target}", mapping={"target": context.Title()}),
        [
            _('${author} commented on "${target}":', mapping=mapping),
            comment.text or "",
            _("The comment waits for moderation: ${queue}", mapping=mapping),
        ],
    )


def pledge_added(pledge, event):
    """A new Pledge waits for moderators."""
    plan = containing_plan(pledge)
    if plan is None:
        return
    # E-mail confirmation: moderators hear of it once its author confirms.
    if confirmation.is_awaiting(pledge):
        return
    _pledge_to_moderate(plan, pledge)


def _pledge_to_moderate(plan, pledge):
    actions = [
        relation.to_object.Title()
        for relation in pledge.actions or ()
        if relation.to_object is not None
    ]
    mapping = {
        "author": _author(pledge),
        "actions": "; ".join(actions),
        "queue": f"{plan.absolute_url()}/@@moderation",
    }
    _tell_moderators(
        _("New pledge to moderate from ${author}", mapping={"author": _author(pledge)}),
        [
            _("${author} pledged a contribution to: ${actions}.", mapping=mapping),
            pledge.contribution or "",
            _("The pledge waits for moderation: ${queue}", mapping=mapping),
        ],
    )


def contribution_transitioned(obj, event):
    """Tell the author their contribution was published or rejected.

    Never for spam. The reason comes with the transition's keyword arguments
    (consultation.moderation.moderate passes it).
    """
    transition = getattr(event.transition, "id", None)
    if transition not in ("publish", "reject"):
        return
    is_comment = IComment.providedBy(obj)
    content = aq_parent(aq_parent(obj)) if is_comment else obj
    plan = containing_plan(content)
    if plan is None:
        return
    if is_comment:
        address = obj.author_email
        # Moderators' own comments are published at once: no news for them.
        user_id = api.user.get_current().getId()
        if user_id and obj.author_username == user_id:
            return
    else:
        address = obj.email
    first_name = own(obj, "first_name", "") or own(obj, "author_name", "")
    mapping = {
        "name": first_name or "",
        "plan": plan.Title(),
        "target": content.Title() if is_comment else plan.Title(),
        "url": content.absolute_url(),
    }
    if transition == "publish":
        if is_comment:
            subject = _("Your comment has been published")
            body = [
                _("Dear ${name},", mapping=mapping),
                _(
                    'your comment on "${target}" has been published: ${url}',
                    mapping=mapping,
                ),
                _(
                    'Thank you for taking part in the consultation on "${plan}".',
                    mapping=mapping,
                ),
            ]
        else:
            subject = _("Your pledge has been published")
            body = [
                _("Dear ${name},", mapping=mapping),
                _(
                    'your pledge to "${plan}" has been published: ${url}',
                    mapping=mapping,
                ),
                _("Thank you for taking part in the consultation."),
            ]
    else:
        reason = (event.kwargs or {}).get("reason")
        mapping["reason"] = (
            _translate(reason_title(reason))
            if reason
            else _translate(_("no reason given"))
        )
        if is_comment:
            subject = _("Your comment was not published")
            body = [
                _("Dear ${name},", mapping=mapping),
                _(
                    'your comment on "${target}" was not published. Reason: ${reason}.',
                    mapping=mapping,
                ),
                _(
                    'Thank you for taking part in the consultation on "${plan}".',
                    mapping=mapping,
                ),
            ]
        else:
            subject = _("Your pledge was not published")
            body = [
                _("Dear ${name},", mapping=mapping),
                _(
                    'your pledge to "${plan}" was not published. Reason: ${reason}.',
                    mapping=mapping,
                ),
                _("Thank you for taking part in the consultation."),
            ]
    send(address, subject, body)


# E-mail confirmation (consultation/confirmation.py)


def confirmation_requested(obj, url, expires):
    """Ask the author of ``obj`` to confirm it by opening ``url``."""
    is_comment = IComment.providedBy(obj)
    target = confirmation.target_of(obj)
    mapping = {
        "name": own(obj, "first_name", "") or own(obj, "author_name", ""),
        "target": target.Title(),
        "url": url,
        "expires": as_rome(expires).strftime("%d/%m/%Y %H:%M %Z"),
    }
    if is_comment:
        subject = _("Confirm your comment")
        request = _(
            'to send your comment on "${target}" to the moderators, open this '
            "link and press the button to confirm it: ${url}",
            mapping=mapping,
        )
        address = obj.author_email
    else:
        subject = _("Confirm your pledge")
        request = _(
            'to send your pledge to "${target}" to the moderators, open this '
            "link and press the button to confirm it: ${url}",
            mapping=mapping,
        )
        address = obj.email
    send(
        address,
        subject,
        [
            _("Dear ${name},", mapping=mapping),
            request,
            _(
                "The link works once, until ${expires}; after that the "
                "contribution is deleted.",
                mapping=mapping,
            ),
            _(
                "If you did not write to the consultation, ignore this message: "
                "nothing will be published."
            ),
        ],
    )


def contribution_confirmed(obj):
    """Its author confirmed ``obj``: moderators hear of it as of a new one."""
    if IComment.providedBy(obj):
        content = confirmation.target_of(obj)
        plan = containing_plan(content)
        if plan is not None:
            _comment_to_moderate(content, plan, obj)
    else:
        plan = containing_plan(obj)
        if plan is not None:
            _pledge_to_moderate(plan, obj)
