"""Position papers read from their bytes: the type from the content, the
refusals, the text, the personal metadata and the published copy."""

from io import BytesIO
from pypdf import PdfReader
from tests.position_papers.samples import docx_bytes
from tests.position_papers.samples import odt_bytes
from tests.position_papers.samples import pdf_bytes
from tests.position_papers.samples import TEXT
from torino.socialplan.consultation.position_papers import documents
from torino.socialplan.consultation.position_papers.documents import DocumentError
from zope.i18n import translate

import pytest
import zipfile
import zlib


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
