"""An uploaded position paper, read: its type from its content (never its
name), its text (pypdf for PDF; zipfile and lxml for ODT and DOCX), the
metadata that names people (shown to moderators), and the published copy
without them. Everything a person can correct is refused with a
``DocumentError`` whose message says why."""

from dataclasses import dataclass
from dataclasses import field
from io import BytesIO
from lxml import etree
from torino.socialplan import _

import zipfile
import zlib


MAX_BYTES = 10 * 1024 * 1024  # the default of the setting
# What a DOCX or ODT (a zip archive) may expand to, and hold, before it is
# opened: a zip bomb is refused from its directory, unread.
MAX_EXPANDED = 50 * 1024 * 1024
MAX_MEMBERS = 1000
MAX_RATIO = 200  # a member's expanded size over its compressed size
MAX_PAGES = 500
MAX_TEXT = 1_000_000  # characters of text kept

PDF, ODT, DOCX = "pdf", "odt", "docx"
MIME_TYPES = {
    PDF: "application/pdf",
    ODT: "application/vnd.oasis.opendocument.text",
    DOCX: "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
}
EXTENSIONS = {PDF: "pdf", ODT: "odt", DOCX: "docx"}

# Metadata that names people: author, company, last editor.
PDF_PERSONAL = ("/Author", "/Creator", "/Producer", "/Company", "/LastModifiedBy")
DC = "http://purl.org/dc/elements/1.1/"
CP = "http://schemas.openxmlformats.org/package/2006/metadata/core-properties"
EP = "http://schemas.openxmlformats.org/officeDocument/2006/extended-properties"
META = "urn:oasis:names:tc:opendocument:xmlns:meta:1.0"
OFFICE = "urn:oasis:names:tc:opendocument:xmlns:office:1.0"
TEXT = "urn:oasis:names:tc:opendocument:xmlns:text:1.0"
W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
MANIFEST = "urn:oasis:names:tc:opendocument:xmlns:manifest:1.0"
DOCX_PERSONAL = {
    "docProps/core.xml": (f"{{{DC}}}creator", f"{{{CP}}}lastModifiedBy"),
    "docProps/app.xml": (f"{{{EP}}}Company", f"{{{EP}}}Manager"),
}
ODT_PERSONAL = {
    "meta.xml": (
        f"{{{META}}}initial-creator",
        f"{{{DC}}}creator",
        f"{{{META}}}printed-by",
    ),
}


class DocumentError(ValueError):
    def __init__(self, message):
        super().__init__(message)
        self.message = message


@dataclass
class Document:
    type: str  # PDF, ODT or DOCX
    text: str
    personal: dict = field(default_factory=dict)  # {name: value}: moderators only
    published: bytes = b""  # the copy without ``personal``

    @property
    def mime_type(self):
        return MIME_TYPES[self.type]


def _parser():
    # No entities, no network, no huge trees: an XML bomb stays unread.
    return etree.XMLParser(
        resolve_entities=False, no_network=True, huge_tree=False, load_dtd=False
    )


def detect(data):
    """PDF, ODT, DOCX or None, from the first bytes and, for a zip, its
    directory."""
    if data[:1024].lstrip(b"\0\t\n\r ").startswith(b"%PDF-"):
        return PDF
    if not data.startswith(b"PK\x03\x04"):
        return None
    try:
        with zipfile.ZipFile(BytesIO(data)) as archive:
            names = set(archive.namelist())
            if "word/document.xml" in names and "[Content_Types].xml" in names:
                return DOCX
            if "mimetype" in names and "content.xml" in names:
                info = archive.getinfo("mimetype")
                if info.file_size <= 100 and archive.read(info).strip() == (
                    MIME_TYPES[ODT].encode()
                ):
                    return ODT
    except (zipfile.BadZipFile, OSError, ValueError):
        return None
    return None


def read(data, max_bytes=MAX_BYTES):
    """A ``Document`` from an upload's bytes, or DocumentError."""
    if not data:
        raise DocumentError(_("The file is empty."))
    if len(data) > max_bytes:
        raise DocumentError(
            _(
                "The file is larger than ${size} MB.",
                mapping={"size": max_bytes // (1024 * 1024)},
            )
        )
    kind = detect(data)
    if kind is None:
        if data.startswith(b"\xd0\xcf\x11\xe0"):
            # An OLE file: an old Word document, or an encrypted DOCX.
            raise DocumentError(
                _(
                    "Encrypted or old-format Word files are not accepted: save it as PDF, ODT or DOCX without a password."  # noqa: E501
                )
            )
        raise DocumentError(_("Only PDF, ODT and DOCX documents are accepted."))
    if kind == PDF:
        return _read_pdf(data)
    return _read_zip(data, kind)


# PDF


def _read_pdf(data):
    from pypdf import PdfReader
    from pypdf import PdfWriter
    from pypdf.errors import PyPdfError

    try:
        reader = PdfReader(BytesIO(data), strict=False)
        if reader.is_encrypted:
            raise DocumentError(
                _("The document is encrypted: send it without a password.")
            )
        if len(reader.pages) > MAX_PAGES:
            raise DocumentError(
                _(
                    "The document has more than ${pages} pages.",
                    mapping={"pages": MAX_PAGES},
                )
            )
        text = _bounded(page.extract_text() or "" for page in reader.pages)
        info = reader.metadata or {}
        personal = {
            key.lstrip("/"): str(info[key]) for key in PDF_PERSONAL if info.get(key)
        }
        writer = PdfWriter(clone_from=reader)
        title = info.get("/Title")
        writer.metadata = None
        if title:
            writer.add_metadata({"/Title": str(title)})
        # XMP metadata repeats the author: dropped.
        root = writer._root_object
        if "/Metadata" in root:
            del root["/Metadata"]
        out = BytesIO()
        writer.write(out)
    except DocumentError:
        raise
    except (
        PyPdfError,
        ValueError,
        KeyError,
        TypeError,
        AttributeError,
        OSError,
        RecursionError,
    ) as error:
        raise DocumentError(_("The PDF file is damaged and cannot be read.")) from error
    return Document(PDF, text, personal, out.getvalue())


def _bounded(parts):
    text, size = [], 0
    for part in parts:
        text.append(part)
        size += len(part)
        if size >= MAX_TEXT:
            break
    return "\n".join(text)[:MAX_TEXT]


# ODT and DOCX


def _check_archive(archive):
    infos = archive.infolist()
    if len(infos) > MAX_MEMBERS:
        raise DocumentError(_("The document holds too many parts."))
    expanded = 0
    for info in infos:
        if info.flag_bits & 0x1:
            raise DocumentError(
                _("The document is encrypted: send it without a password.")
            )
        expanded += info.file_size
        if info.file_size > 1024 * 1024 and info.file_size > MAX_RATIO * max(
            info.compress_size, 1
        ):
            raise DocumentError(_("The document expands beyond what is accepted."))
    if expanded > MAX_EXPANDED:
        raise DocumentError(_("The document expands beyond what is accepted."))


def _xml(archive, name):
    try:
        return etree.fromstring(archive.read(name), _parser())
    except KeyError:
        return None


def _read_zip(data, kind):
    try:
        with zipfile.ZipFile(BytesIO(data)) as archive:
            _check_archive(archive)
            if kind == ODT:
                manifest = _xml(archive, "META-INF/manifest.xml")
                if (
                    manifest is not None
                    and manifest.find(f".//{{{MANIFEST}}}encryption-data") is not None
                ):
                    raise DocumentError(
                        _("The document is encrypted: send it without a password.")
                    )
                body = _xml(archive, "content.xml")
                paragraphs = body.iter(f"{{{TEXT}}}p", f"{{{TEXT}}}h")
                text = _bounded("".join(p.itertext()) for p in paragraphs)
                personal_parts = ODT_PERSONAL
            else:
                body = _xml(archive, "word/document.xml")
                text = _bounded(
                    "".join(t.text or "" for t in p.iter(f"{{{W}}}t"))
                    for p in body.iter(f"{{{W}}}p")
                )
                personal_parts = DOCX_PERSONAL
            personal, published = _strip(archive, personal_parts)
    except DocumentError:
        raise
    except (
        zipfile.BadZipFile,
        etree.XMLSyntaxError,
        zlib.error,
        OSError,
        ValueError,
        AttributeError,
        EOFError,
    ) as error:
        raise DocumentError(_("The document is damaged and cannot be read.")) from error
    return Document(kind, text, personal, published)


def _strip(archive, personal_parts):
    """The personal metadata of the archive, and the archive without it (the
    ODT "mimetype" first and stored, as the format asks)."""
    personal = {}
    out = BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as copy:
        for info in archive.infolist():
            content = archive.read(info)
            tags = personal_parts.get(info.filename)
            if tags:
                root = etree.fromstring(content, _parser())
                for element in list(root.iter(*tags)):
                    if (element.text or "").strip():
                        personal[etree.QName(element).localname] = element.text.strip()
                    element.getparent().remove(element)
                content = etree.tostring(
                    root, xml_declaration=True, encoding="UTF-8", standalone=True
                )
            compression = (
                zipfile.ZIP_STORED
                if info.filename == "mimetype"
                else zipfile.ZIP_DEFLATED
            )
            copy.writestr(info.filename, content, compress_type=compression)
    return personal, out.getvalue()
