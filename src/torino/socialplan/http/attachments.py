"""A stored file sent as a download: always an attachment, never rendered
inline nor sniffed into another type, streamed from its blob."""

from plone.namedfile.utils import stream_data


def send_attachment(response, named_file, no_store=False):
    """Set ``response``'s headers for ``named_file`` (a NamedBlobFile whose
    name the site made, never the uploader's) and return its stream."""
    response.setHeader("Content-Type", named_file.contentType)
    response.setHeader(
        "Content-Disposition", f'attachment; filename="{named_file.filename}"'
    )
    response.setHeader("X-Content-Type-Options", "nosniff")
    response.setHeader("Content-Security-Policy", "sandbox")
    response.setHeader("Content-Length", str(named_file.getSize()))
    if no_store:
        response.setHeader("Cache-Control", "no-store")
    return stream_data(named_file)
