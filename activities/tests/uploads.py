"""Small crafted uploads for attachment tests (nothing large is ever written to disk)."""
import io

from django.core.files.uploadedfile import InMemoryUploadedFile, SimpleUploadedFile
from PIL import Image


def image_bytes(fmt: str = "PNG") -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (4, 4), (200, 30, 30)).save(buffer, format=fmt)
    return buffer.getvalue()


def png(name="photo.png"):
    return SimpleUploadedFile(name, image_bytes("PNG"), content_type="image/png")


def jpeg(name="photo.jpg"):
    return SimpleUploadedFile(name, image_bytes("JPEG"), content_type="image/jpeg")


def pdf(name="签到表.pdf"):
    return SimpleUploadedFile(name, b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n", content_type="application/pdf")


def fake_photo(name="photo.jpg"):
    """An executable renamed to .jpg and declared as image/jpeg."""
    return SimpleUploadedFile(name, b"MZ\x90\x00" + b"\x00" * 60, content_type="image/jpeg")


def huge_photo(name="big.jpg", size=50 * 1024 * 1024):
    """A real JPEG whose upload declares 50 MB: the size check must refuse it before reading it."""
    return InMemoryUploadedFile(io.BytesIO(image_bytes("JPEG")), "photos", name, "image/jpeg", size, None)
