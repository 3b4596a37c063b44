"""A position paper on a contribution: the published copy kept as a blob,
its text (search, campaigns, exports) and the metadata that named people
(moderators only). Not yet offered by the forms and REST (issue 28)."""

from plone.namedfile.file import NamedBlobFile
from torino.socialplan.consultation.position_papers import documents


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
