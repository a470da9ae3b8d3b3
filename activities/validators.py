"""Attachment checks: size first (so a huge upload is refused before it is read), then the type by
content — Pillow must recognise a JPEG or PNG, or the file must start like a PDF. File names and
declared content types are never trusted."""
from django.core.exceptions import ValidationError
from PIL import Image, UnidentifiedImageError

MAX_ATTACHMENT_BYTES = 10 * 1024 * 1024
IMAGE_FORMATS = {"JPEG": "image/jpeg", "PNG": "image/png"}
PDF = "application/pdf"


def _human(size: int) -> str:
    return f"{size / (1024 * 1024):.1f} MB"


def sniff_content_type(upload, *, allow_pdf: bool) -> str:
    """The real content type of `upload` (image/jpeg, image/png or application/pdf), or raise."""
    name = getattr(upload, "name", "") or "文件"
    limit = MAX_ATTACHMENT_BYTES
    if upload.size is not None and upload.size > limit:
        raise ValidationError(
            f"“{name}”大小为 {_human(upload.size)}，超过每个附件 {_human(limit)} 的上限。")
    upload.seek(0)
    head = upload.read(5)
    upload.seek(0)
    if head == b"%PDF-":
        if allow_pdf:
            return PDF
        raise ValidationError(f"“{name}”不是图片：活动照片只能是 JPEG 或 PNG 格式的图片。")
    try:
        with Image.open(upload) as image:
            fmt = image.format
            image.verify()
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError):
        fmt = None
    finally:
        upload.seek(0)
    if fmt in IMAGE_FORMATS:
        return IMAGE_FORMATS[fmt]
    if allow_pdf:
        raise ValidationError(f"“{name}”不是 JPEG/PNG 图片或 PDF 文件，不能作为签到表上传。")
    raise ValidationError(f"“{name}”不是图片：活动照片只能是 JPEG 或 PNG 格式的图片。")
