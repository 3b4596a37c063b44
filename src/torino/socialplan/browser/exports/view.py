"""{plan}/@@consultation-export?format=csv|json|xlsx."""

from Products.Five.browser import BrowserView
from torino.socialplan import _
from torino.socialplan.consultation.exports import audience
from torino.socialplan.consultation.exports import filename
from torino.socialplan.consultation.exports import formats
from torino.socialplan.consultation.exports import Labels
from torino.socialplan.consultation.exports import write_export
from torino.socialplan.consultation.exports import writer_for
from torino.socialplan.http.methods import AllowedMethods
from urllib.parse import quote
from zope.i18n import translate
from ZPublisher.Iterators import filestream_iterator

import os
import tempfile


class ConsultationExport(AllowedMethods, BrowserView):
    """Every contribution of the Plan (comments, replies, pledges) as open data.

    Who gets what: the permission is View on the Plan, and the public export
    is available always, during the consultation too: it holds the published
    contributions only, with the names and organisations the pages already
    publish, and neither e-mail addresses nor states. Users with "Moderate
    contributions" get every state (and a State column), users with "View
    contributor e-mail" the E-mail column.

    Streaming: ZPublisher's WSGI publisher buffers ``response.write`` in a
    BytesIO (memory grows with the rows), and it iterates an
    IUnboundStreamIterator body only after it has closed the ZODB connection
    (no object may be read then). So the rows are written, one object at a
    time, into an anonymous temporary file while the connection is open, and
    that file, as a filestream_iterator (an IStreamIterator: it reads no
    object), is the body. The WSGI server sends it in blocks, through
    wsgi.file_wrapper or by iterating 64 KiB at a time; a plain file body
    would be iterated line by line without a file_wrapper, and a JSON export
    is one line. Memory stays flat; the disk holds the file until it is sent.
    """

    def __call__(self):
        response = self.request.response
        fmt = self.request.form.get("format")
        writer = writer_for(fmt)
        if writer is None:
            response.setStatus(400)
            response.setHeader("Content-Type", "text/plain; charset=utf-8")
            return translate(
                _(
                    "Unknown format: choose one of ${formats}.",
                    mapping={"formats": ", ".join(formats())},
                ),
                context=self.request,
            )
        who = audience(self.context)
        with tempfile.TemporaryFile() as out:
            write_export(
                fmt,
                self.context,
                self.request,
                out,
                who,
                export_url=f"{self.context.absolute_url()}/@@consultation-export"
                f"?format={fmt}",
            )
            out.flush()
            # The iterator owns a duplicate of the descriptor (and closes it
            # when the server is done); the file has no name to clean up.
            body = filestream_iterator(os.dup(out.fileno()), "rb")
        body.seek(0)
        response.setHeader("Content-Length", str(len(body)))
        name = filename(self.context, fmt, Labels(self.request, self.context))
        response.setHeader("Content-Type", writer.content_type)
        response.setHeader(
            "Content-Disposition",
            f"attachment; filename=\"{name}\"; filename*=UTF-8''{quote(name)}",
        )
        response.setHeader("X-Content-Type-Options", "nosniff")
        # E-mails and unpublished contributions must not stay in caches.
        private = who.emails or who.all_states
        response.setHeader(
            "Cache-Control", "private, no-store" if private else "no-cache"
        )
        return body
