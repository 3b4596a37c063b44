"""A position paper on a contribution: the published copy kept as a blob,
its text (search, campaigns, exports) and the metadata that named people
(moderators only)."""

from plone import api
from plone.app.discussion.interfaces import IComment
from plone.indexer import indexer
from plone.namedfile.file import NamedBlobFile
from Products.CMFPlone.interfaces import IPloneCatalogTool
from torino.socialplan import _
from torino.socialplan.consultation.errors import ContributionError
from torino.socialplan.consultation.position_papers import documents
from torino.socialplan.content.pledge import IPledge

import base64
import binascii


FILE_ATTRIBUTE = "position_paper"
TEXT_ATTRIBUTE = "position_paper_text"  # campaigns.plan_campaigns reads it
PERSONAL_ATTRIBUTE = "position_paper_personal"


def attach(obj, data, max_bytes=documents.MAX_BYTES):
    """Read ``data`` (DocumentError when refused) and keep it on ``obj``:
    the copy without the personal metadata, as a blob named after its type
    (never the uploader's file name); returns the ``Document``."""
    document = documents.read(data, max_bytes=max_bytes)
    setattr(
        obj,
        FILE_ATTRIBUTE,
        NamedBlobFile(
            data=document.published,
            contentType=document.mime_type,
            filename=f"position-paper.{documents.EXTENSIONS[document.type]}",
        ),
    )
    setattr(obj, TEXT_ATTRIBUTE, document.text)
    setattr(obj, PERSONAL_ATTRIBUTE, dict(document.personal))
    return document


def paper_of(obj):
    return getattr(obj, FILE_ATTRIBUTE, None)


PAPER_FIELD = "position_paper"
MAX_MB_RECORD = "torino.socialplan.position_paper_max_mb"


def max_bytes():
    """The setting (MB), 10 unless the registry says otherwise."""
    try:
        megabytes = api.portal.get_registry_record(MAX_MB_RECORD, default=None)
    except api.exc.InvalidParameterError:
        megabytes = None
    return int(megabytes or documents.MAX_BYTES // (1024 * 1024)) * 1024 * 1024


def upload_bytes(value, limit):
    """The bytes of an upload: a Classic form's file, raw bytes, or a REST
    body's ``{"data": base64, "encoding": "base64"}``; None when empty.
    DocumentError when it cannot be read or is larger than ``limit``."""
    if value is None or value == "" or value == {}:
        return None
    if isinstance(value, bytes):
        return value
    if hasattr(value, "read"):
        data = value.read(limit + 1)
        return data or None
    if isinstance(value, dict) and isinstance(value.get("data"), str):
        if value.get("encoding", "base64") != "base64":
            raise documents.DocumentError(_("Send the file's data in base64."))
        encoded = value["data"]
        if len(encoded) * 3 // 4 > limit + 3:
            raise documents.DocumentError(
                _(
                    "The file is larger than ${size} MB.",
                    mapping={"size": limit // (1024 * 1024)},
                )
            )
        try:
            return base64.b64decode(encoded, validate=True) or None
        except (binascii.Error, ValueError):
            raise documents.DocumentError(
                _("Send the file's data in base64.")
            ) from None
    raise documents.DocumentError(_("Send the file's data in base64."))


def paper_attributes(kind, value):
    """The attributes a new contribution of ``kind`` gets from the body's
    ``position_paper`` (none without one); ContributionError when refused."""
    if value is None or value == "" or value == {}:
        return {}
    if not kind.accepts_paper:
        raise ContributionError.on(
            PAPER_FIELD, _("This kind of contribution takes no document.")
        )
    limit = max_bytes()
    try:
        data = upload_bytes(value, limit)
        if data is None:
            return {}
        document = documents.read(data, max_bytes=limit)
    except documents.DocumentError as error:
        raise ContributionError.on(PAPER_FIELD, error.message) from None
    return {
        FILE_ATTRIBUTE: NamedBlobFile(
            data=document.published,
            contentType=document.mime_type,
            filename=f"position-paper.{documents.EXTENSIONS[document.type]}",
        ),
        TEXT_ATTRIBUTE: document.text,
        PERSONAL_ATTRIBUTE: dict(document.personal),
    }


def _carries_paper(obj):
    return paper_of(obj) is not None


@indexer(IComment, IPloneCatalogTool)
def comment_has_paper(obj):
    """For counts that read no contribution (statistics/catalog_entries.py);
    indexed once decided, as the other indexes of consultation/indexing.py."""
    return _carries_paper(obj)


@indexer(IPledge, IPloneCatalogTool)
def pledge_has_paper(obj):
    return _carries_paper(obj)
