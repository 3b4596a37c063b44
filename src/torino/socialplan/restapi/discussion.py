"""@comments shows each user only the comments they may view, and of each
only the fields they may read.

Stock plone.restapi lists every comment of a conversation, pending ones
included, to anonymous users, and returns any of them by id: it checks no
per-comment permission. Here a comment is listed when the user may view it
(its workflow decides) and it is published, or the user moderates. Items are
built from the allow-lists of consultation/privacy.py: the e-mail address only
for moderators.
"""

from copy import deepcopy
from plone import api
from plone.app.discussion.interfaces import IComment
from plone.app.discussion.interfaces import IConversation
from plone.restapi.batching import HypermediaBatch
from plone.restapi.interfaces import IJsonCompatible
from plone.restapi.interfaces import ISerializeToJson
from plone.restapi.serializer.converters import json_compatible
from plone.restapi.serializer.discussion import CommentSerializer
from plone.restapi.serializer.discussion import ConversationSerializer
from plone.restapi.services.discussion.utils import can_delete
from plone.restapi.services.discussion.utils import can_delete_own
from plone.restapi.services.discussion.utils import can_edit
from plone.restapi.services.discussion.utils import can_view
from plone.restapi.services.discussion.utils import delete_own_comment_allowed
from plone.restapi.services.discussion.utils import edit_comment_allowed
from torino.socialplan.base.attributes import own_attribute
from torino.socialplan.base.states import PUBLISHED
from torino.socialplan.consultation import commented_paragraphs
from torino.socialplan.consultation.contributions.comment_kind import comments_enabled
from torino.socialplan.consultation.contributions.kinds import readable_fields
from torino.socialplan.consultation.visibility import moderates
from torino.socialplan.consultation.visibility import visible
from torino.socialplan.consultation.visibility import VisibleComments
from torino.socialplan.content.plan import containing_plan
from torino.socialplan.discussion.rendering import comment_html
from torino.socialplan.interfaces import IBrowserLayer
from torino.socialplan.vocabularies import ORGANIZATION_TYPES_VOCABULARY
from torino.socialplan.vocabularies import OUTCOMES_VOCABULARY
from zExceptions import Unauthorized
from zope.component import adapter
from zope.component import getMultiAdapter
from zope.component import queryUtility
from zope.i18n import translate
from zope.interface import implementer
from zope.schema.interfaces import IVocabularyFactory


def accepts_comments(content, request):
    """Whether a new comment on ``content`` would be accepted now."""
    plan = containing_plan(content)
    return bool(
        plan is not None
        and plan.window().is_open
        and comments_enabled(content, request)
    )


@implementer(ISerializeToJson)
@adapter(IConversation, IBrowserLayer)
class VisibleConversationSerializer(ConversationSerializer):
    def __call__(self):
        content = self.context.__parent__
        view_comments = can_view(self.context)
        moderator = moderates(content)
        ids = (
            VisibleComments(content, moderator).thread_order() if view_comments else []
        )
        batch = HypermediaBatch(self.request, ids)
        result = {
            "@id": batch.canonical_url,
            "items_total": batch.items_total,
            "permissions": {
                "view_comments": view_comments,
                "can_reply": accepts_comments(content, self.request),
            },
            "items": [
                getMultiAdapter(
                    (self.context[comment_id], self.request), ISerializeToJson
                )()
                for comment_id in batch
            ],
        }
        if batch.links:
            result["batching"] = batch.links
        return result


@implementer(ISerializeToJson)
@adapter(IComment, IBrowserLayer)
class VisibleCommentSerializer(CommentSerializer):
    def __call__(self, include_items=True):
        comment = self.context
        content = comment.__parent__.__parent__
        if not visible(comment, moderates(content)):
            raise Unauthorized("You are not allowed to view this comment.")
        comments_url = f"{content.absolute_url()}/@comments"
        result = {
            "@id": f"{comments_url}/{comment.id}",
            "@type": comment.portal_type,
            "@parent": (
                f"{comments_url}/{comment.in_reply_to}" if comment.in_reply_to else None
            ),
            "comment_id": str(comment.id),
            "is_editable": bool(edit_comment_allowed() and can_edit(comment)),
            "is_deletable": bool(
                can_delete(comment)
                or (delete_own_comment_allowed() and can_delete_own(comment))
            ),
            "can_reply": _state(comment) == PUBLISHED
            and accepts_comments(content, self.request),
        }
        for name in readable_fields(comment, content):
            reader = getattr(self, f"field_{name}", None)
            # A field of another kind's schema: its stored value, as JSON.
            result[name] = (
                reader()
                if reader
                else json_compatible(own_attribute(comment, name, None))
            )
        return result

    def field_author_name(self):
        return own_attribute(self.context, "author_name")

    def field_first_name(self):
        return own_attribute(self.context, "first_name", None)

    def field_last_name(self):
        return own_attribute(self.context, "last_name", None)

    def field_organization(self):
        return own_attribute(self.context, "organization", None) or None

    def field_organization_type(self):
        return self._term(
            ORGANIZATION_TYPES_VOCABULARY,
            own_attribute(self.context, "organization_type", None),
        )

    def field_text(self):
        return {"data": comment_html(self.context), "mime-type": "text/html"}

    def field_creation_date(self):
        return IJsonCompatible(self.context.creation_date)

    def field_modification_date(self):
        return IJsonCompatible(self.context.modification_date)

    def field_in_reply_to(self):
        return str(self.context.in_reply_to) if self.context.in_reply_to else None

    def field_review_state(self):
        return _state(self.context)

    def field_author_email(self):
        return self.context.author_email

    def _term(self, vocabulary_name, token):
        """{token, title} of a vocabulary term, the title translated."""
        if not token:
            return None
        vocabulary = queryUtility(IVocabularyFactory, vocabulary_name)(self.context)
        try:
            title = translate(
                vocabulary.getTermByToken(token).title, context=self.request
            )
        except LookupError:
            title = token
        return {"token": token, "title": title}

    # Inline feedback

    def field_anchor(self):
        # The passage as the commenter read it: a public quote of the text.
        anchor = own_attribute(self.context, "anchor", None)
        return json_compatible(deepcopy(anchor)) if anchor else None

    def field_paragraph(self):
        return own_attribute(self.context, "paragraph", None)

    def field_orphaned(self):
        return bool(own_attribute(self.context, "orphaned", False))

    def field_current_text(self):
        # The passage as the text reads now (``anchor.exact``: as posted).
        if not own_attribute(self.context, "anchor", None):
            return None
        content = self.context.__parent__.__parent__
        cache = self.request.other.setdefault("socialplan.paragraph_texts", {})
        key = "/".join(content.getPhysicalPath())
        if key not in cache:
            cache[key] = commented_paragraphs.paragraph_texts(content)
        return commented_paragraphs.passage_now(self.context, cache[key])

    def field_text_version(self):
        return own_attribute(self.context, "text_version", None)

    # The promoters' answer (recorded elsewhere; absent until then).

    def field_outcome(self):
        return self._term(
            OUTCOMES_VOCABULARY, own_attribute(self.context, "outcome", None)
        )

    def field_outcome_motivation(self):
        return own_attribute(self.context, "outcome_motivation", None) or None


def _state(comment):
    return api.content.get_state(obj=comment, default=None)
