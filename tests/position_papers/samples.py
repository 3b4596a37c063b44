"""Documents for the position-paper tests: PDF, DOCX and ODT made here,
with the metadata that names people."""

from io import BytesIO
from pypdf import PdfReader
from pypdf import PdfWriter

import zipfile


TEXT = "Posizione della Cooperativa Aurora sul Piano"


def pdf_bytes(text=TEXT, author="Mario Rossi", encrypt=False):
    """A one-page PDF with ``text``, written by hand, then given metadata."""
    stream = f"BT /F1 12 Tf 72 720 Td ({text}) Tj ET".encode()
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] "
        b"/Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>",
        b"<< /Length %d >>\nstream\n" % len(stream) + stream + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    out = BytesIO()
    out.write(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, 1):
        offsets.append(out.tell())
        out.write(b"%d 0 obj\n" % number + body + b"\nendobj\n")
    xref = out.tell()
    out.write(b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1))
    for offset in offsets:
        out.write(b"%010d 00000 n \n" % offset)
    out.write(
        b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n"
        % (len(objects) + 1, xref)
    )
    writer = PdfWriter(clone_from=PdfReader(BytesIO(out.getvalue())))
    writer.add_metadata({"/Author": author, "/Title": "Posizione"})
    if encrypt:
        writer.encrypt("secret", algorithm="RC4-128")
    result = BytesIO()
    writer.write(result)
    return result.getvalue()


def docx_bytes(text=TEXT, creator="Mario Rossi", company="Aurora scs"):
    out = BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr(
            "word/document.xml",
            '<w:document xmlns:w="http://schemas.openxmlformats.org/'
            'wordprocessingml/2006/main"><w:body><w:p><w:r><w:t>'
            f"{text}</w:t></w:r></w:p><w:p><w:r><w:t>Secondo</w:t></w:r>"
            "</w:p></w:body></w:document>",
        )
        archive.writestr(
            "docProps/core.xml",
            '<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/'
            'package/2006/metadata/core-properties" '
            'xmlns:dc="http://purl.org/dc/elements/1.1/">'
            f"<dc:title>Posizione</dc:title><dc:creator>{creator}</dc:creator>"
            f"<cp:lastModifiedBy>{creator}</cp:lastModifiedBy></cp:coreProperties>",
        )
        archive.writestr(
            "docProps/app.xml",
            '<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/'
            f'2006/extended-properties"><Company>{company}</Company></Properties>',
        )
    return out.getvalue()


def odt_bytes(text=TEXT, creator="Mario Rossi", encrypted=False):
    out = BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr(
            "mimetype",
            "application/vnd.oasis.opendocument.text",
            compress_type=zipfile.ZIP_STORED,
        )
        archive.writestr(
            "content.xml",
            '<office:document-content xmlns:office="urn:oasis:names:tc:'
            'opendocument:xmlns:office:1.0" xmlns:text="urn:oasis:names:tc:'
            'opendocument:xmlns:text:1.0"><office:body><office:text>'
            f"<text:h>Titolo</text:h><text:p>{text}</text:p>"
            "</office:text></office:body></office:document-content>",
        )
        archive.writestr(
            "meta.xml",
            '<office:document-meta xmlns:office="urn:oasis:names:tc:opendocument:'
            'xmlns:office:1.0" xmlns:meta="urn:oasis:names:tc:opendocument:xmlns:'
            'meta:1.0" xmlns:dc="http://purl.org/dc/elements/1.1/"><office:meta>'
            f"<meta:initial-creator>{creator}</meta:initial-creator>"
            f"<dc:creator>{creator}</dc:creator></office:meta></office:document-meta>",
        )
        manifest = "<manifest:encryption-data/>" if encrypted else ""
        archive.writestr(
            "META-INF/manifest.xml",
            '<manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:'
            f'xmlns:manifest:1.0"><manifest:file-entry>{manifest}'
            "</manifest:file-entry></manifest:manifest>",
        )
    return out.getvalue()
