"""Position papers read from their bytes: the type from the content, the
refusals, the text, the personal metadata and the published copy."""

from io import BytesIO
from pypdf import PdfReader
from pypdf import PdfWriter
from torino.socialplan.consultation.position_papers import documents
from torino.socialplan.consultation.position_papers.documents import DocumentError
from zope.i18n import translate

import pytest
import zipfile
import zlib


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


def message(error):
    return translate(error.value.message)


def test_a_pdf_is_read_and_published_without_its_author():
    document = documents.read(pdf_bytes())
    assert document.type == "pdf"
    assert TEXT in document.text
    assert document.personal["Author"] == "Mario Rossi"
    published = PdfReader(BytesIO(document.published))
    assert "/Author" not in (published.metadata or {})
    assert published.metadata["/Title"] == "Posizione"
    assert b"Mario Rossi" not in document.published
    assert TEXT in published.pages[0].extract_text()


def test_a_docx_is_read_and_published_without_its_author():
    document = documents.read(docx_bytes())
    assert document.type == "docx"
    assert document.text == f"{TEXT}\nSecondo"
    assert document.personal == {
        "creator": "Mario Rossi",
        "lastModifiedBy": "Mario Rossi",
        "Company": "Aurora scs",
    }
    with zipfile.ZipFile(BytesIO(document.published)) as archive:
        everything = b"".join(archive.read(n) for n in archive.namelist())
    assert b"Mario Rossi" not in everything and b"Aurora scs" not in everything
    assert b"Posizione" in everything  # the title stays


def test_an_odt_is_read_and_published_without_its_author():
    document = documents.read(odt_bytes())
    assert document.type == "odt"
    assert document.text == f"Titolo\n{TEXT}"
    assert document.personal == {
        "initial-creator": "Mario Rossi",
        "creator": "Mario Rossi",
    }
    with zipfile.ZipFile(BytesIO(document.published)) as archive:
        first = archive.infolist()[0]
        assert first.filename == "mimetype"
        assert first.compress_type == zipfile.ZIP_STORED
        assert b"Mario Rossi" not in archive.read("meta.xml")


def test_the_type_comes_from_the_content_not_the_name():
    assert documents.detect(pdf_bytes()) == "pdf"
    assert documents.detect(docx_bytes()) == "docx"
    assert documents.detect(odt_bytes()) == "odt"
    assert documents.detect(b"MZ\x90\x00 an executable") is None
    # A zip that is neither.
    out = BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        archive.writestr("readme.txt", "hello")
    assert documents.detect(out.getvalue()) is None


@pytest.mark.parametrize(
    ("data", "words"),
    [
        (b"", "empty"),
        (b"GIF89a" + b"\0" * 100, "Only PDF, ODT and DOCX"),
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 100, "Encrypted or old-format"),
        (b"%PDF-1.4\n1 0 obj << /Type /Catalog >> garbage", "damaged"),
    ],
)
def test_other_and_malformed_files_are_refused(data, words):
    with pytest.raises(DocumentError) as error:
        documents.read(data)
    assert words in message(error)


def test_encrypted_documents_are_refused():
    for data in (pdf_bytes(encrypt=True), odt_bytes(encrypted=True)):
        with pytest.raises(DocumentError) as error:
            documents.read(data)
        assert "encrypted" in message(error)


def test_too_large_is_refused():
    with pytest.raises(DocumentError) as error:
        documents.read(pdf_bytes(), max_bytes=100)
    assert "larger than" in message(error)


def test_a_zip_bomb_is_refused_from_its_directory():
    out = BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/document.xml", "<w:document/>")
        archive.writestr("word/media/zeros.bin", b"\0" * (60 * 1024 * 1024))
    data = out.getvalue()
    assert len(data) < 200_000
    with pytest.raises(DocumentError) as error:
        documents.read(data)
    assert "expands beyond" in message(error)


def test_a_damaged_zip_is_refused():
    data = bytearray(docx_bytes())
    start = data.index(b"word/document.xml") + 40
    data[start : start + 40] = zlib.compress(b"x")[:40].ljust(40, b"\xff")
    with pytest.raises(DocumentError) as error:
        documents.read(bytes(data))
    assert "damaged" in message(error)
