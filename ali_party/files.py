"""Stored files — every FileField of the project: what may be uploaded, how it is named, how it is
served. One place, so that an attachment field cannot be added that skips a check.

- **Kinds by content.** `sniff` decides what a file is from its bytes, never from its name or the
  browser's declared type: JPEG and PNG (magic bytes, then Pillow must parse the image), PDF
  (`%PDF-x.y` header, `%%EOF` in the last 1 KB, no HTML markup in the first 1 KB: an HTML page that
  merely starts with `%PDF-` is not a PDF), Word .docx and Excel .xlsx (a zip with
  `[Content_Types].xml` declaring the document's main part, which must be there; no macros or
  controls). Nothing else is known: SVG, HTML, JavaScript, archives, executables, legacy or
  password-protected Office files (OLE2, whose macros cannot be checked cheaply) are refused.
- **One table of policies** (`POLICIES`): per field, the kinds it accepts and its size limit.
- **`check_upload`** (services) and **`AllowedFile`** (a validator for model and form fields):
  size first (a huge upload is refused before it is read), then the kind; messages in Chinese.
- **`StoredName`** (`upload_to`): a generated stored name, `<prefix>/<yyyy>/<mm>/<uuid4 hex><ext>`,
  never the user's file name; the extension is the sniffed kind's.
- **`file_response`**: the one way a stored file leaves the application — read through the storage
  API (so the same URL works with FileSystemStorage in production and InMemoryStorage in tests),
  always as a download (`Content-Disposition: attachment`), with the content type of the kind
  sniffed again from the stored bytes (application/octet-stream when it is none of ours, e.g. a file
  stored before these checks), `X-Content-Type-Options: nosniff`, `Cache-Control: no-store` and a
  sandboxing CSP. `/media/` is never served directly (ali_party/urls.py): the views that call
  `file_response` check the user's scope on the owning record first (`generic.ScopedFileView`).
"""
from __future__ import annotations

import re
import unicodedata
import uuid
import zipfile
from dataclasses import dataclass
from pathlib import PurePosixPath

from django.core.exceptions import ValidationError
from django.core.files import File
from django.http import FileResponse, Http404
from django.utils import timezone
from django.utils.deconstruct import deconstructible
from django.utils.functional import lazy
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from PIL import Image, UnidentifiedImageError

MB = 1024 * 1024


@dataclass(frozen=True)
class Kind:
    """A kind of file the application stores, with the content type it is served as."""

    code: str
    content_type: str
    extension: str  # of stored names and download names
    aliases: tuple[str, ...] = ()  # other extensions a user's file of this kind may carry

    def __str__(self):
        return self.code


JPEG = Kind("jpeg", "image/jpeg", ".jpg", (".jpeg", ".jpe"))
PNG = Kind("png", "image/png", ".png")
PDF = Kind("pdf", "application/pdf", ".pdf")
DOCX = Kind("docx", "application/vnd.openxmlformats-officedocument.wordprocessingml.document", ".docx")
XLSX = Kind("xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", ".xlsx")
KINDS = (JPEG, PNG, PDF, DOCX, XLSX)
OFFICE_KINDS = frozenset({DOCX, XLSX})
STORED_EXTENSIONS = frozenset(k.extension for k in KINDS)
UNKNOWN_CONTENT_TYPE = "application/octet-stream"


@dataclass(frozen=True)
class FilePolicy:
    """What one file field accepts: its kinds and the size of each file."""

    label: str  # what the file is, in messages ("活动照片")
    accepted: str  # the accepted kinds, in messages ("JPEG 或 PNG 格式的图片")
    kinds: frozenset
    max_bytes: int

    def help_text(self) -> str:
        return gettext("%(accepted)s，每个不超过 %(limit)s。") % {
            "accepted": self.accepted, "limit": human_size(self.max_bytes)}


# For a form field's help_text: translated when the form is shown, not at import.
policy_help_text = lazy(FilePolicy.help_text, str)


# Every file field of the project, with its kinds and size limit. The request limits in settings
# (DATA_UPLOAD_MAX_MEMORY_SIZE) do not cap files; the front proxy's body limit must be at least the
# largest of these (docs: README, Security).
POLICIES: dict[str, FilePolicy] = {
    # activities.ActivityAttachment, kind "photo"
    "activity_photo": FilePolicy(
        pgettext_lazy("file policy", "活动照片"), _("JPEG 或 PNG 格式的图片"),
        frozenset({JPEG, PNG}), 10 * MB),
    # activities.ActivityAttachment, kind "sign_in"
    "activity_sign_in": FilePolicy(
        pgettext_lazy("file policy", "签到表"), _("JPEG/PNG 图片或 PDF 文件"),
        frozenset({JPEG, PNG, PDF}), 10 * MB),
    # evaluations.OrganizationLifeMeeting.attachment
    "meeting_attachment": FilePolicy(
        pgettext_lazy("file policy", "会议附件"), _("JPEG/PNG 图片、PDF、Word（.docx）或 Excel（.xlsx）文件"),
        frozenset({JPEG, PNG, PDF, DOCX, XLSX}), 10 * MB),
    # development.StepAttachment.file (the application letter, 志愿书, 公示 … of a development step)
    "development_attachment": FilePolicy(
        pgettext_lazy("file policy", "发展党员材料"), _("JPEG/PNG 图片、PDF 或 Word（.docx）文件"),
        frozenset({JPEG, PNG, PDF, DOCX}), 10 * MB),
    # dataexchange.ImportJob.file (its rows are then checked by dataexchange/reading.py)
    "import_workbook": FilePolicy(
        pgettext_lazy("file policy", "导入文件"), _("Excel 工作簿（.xlsx）"),
        frozenset({XLSX}), 20 * MB),
}


def human_size(size: int) -> str:
    return f"{size / MB:.1f} MB"


# --- sniffing -------------------------------------------------------------------------------------

class Refused(Exception):
    """The file is of a family we know but must not store (macros, legacy Office, a damaged zip)."""

    def __init__(self, code: str):
        super().__init__(code)
        self.code = code


_JPEG_MAGIC = b"\xff\xd8\xff"
_PNG_MAGIC = b"\x89PNG\r\n\x1a\n"
_ZIP_MAGIC = b"PK\x03\x04"
_OLE2_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # .doc/.xls/.ppt, and password-protected .docx/.xlsx
_PDF_HEADER = re.compile(rb"%PDF-[12]\.\d")
# Markup no PDF carries in its first kilobyte (header, binary comment, the first objects), by which
# a browser that sniffed would take the file for a page.
_MARKUP = (b"<html", b"<script", b"<!doctype", b"<svg", b"<body", b"<head", b"<iframe", b"<?xml-stylesheet")
_PDF_WINDOW = 1024


def sniff(fileobj) -> Kind | None:
    """The kind of `fileobj` by its content, or None when it is none of KINDS. Raises Refused for a
    file of a known family that must not be stored. Leaves the file at position 0."""
    try:
        fileobj.seek(0)
        head = fileobj.read(_PDF_WINDOW)
        if head.startswith((_JPEG_MAGIC, _PNG_MAGIC)):
            return _image_kind(fileobj, JPEG if head.startswith(_JPEG_MAGIC) else PNG)
        if _PDF_HEADER.match(head):
            return PDF if _looks_like_pdf(fileobj, head) else None
        if head.startswith(_OLE2_MAGIC):
            raise Refused("legacy_office")
        if head.startswith(_ZIP_MAGIC):
            return office_kind(fileobj)
        return None
    finally:
        fileobj.seek(0)


def _image_kind(fileobj, expected: Kind) -> Kind | None:
    fileobj.seek(0)
    try:
        with Image.open(fileobj, formats=["JPEG", "PNG"]) as image:
            found = image.format
            image.verify()
    except (UnidentifiedImageError, Image.DecompressionBombError, OSError, SyntaxError, ValueError):
        return None
    return expected if found == expected.code.upper() else None


def _looks_like_pdf(fileobj, head: bytes) -> bool:
    lowered = head.lower()
    if any(tag in lowered for tag in _MARKUP):
        return False
    fileobj.seek(0, 2)
    end = fileobj.tell()
    fileobj.seek(max(0, end - _PDF_WINDOW))
    return b"%%EOF" in fileobj.read(_PDF_WINDOW)


# --- Office Open XML (.docx / .xlsx) ----------------------------------------------------------------

MAX_ZIP_MEMBERS = 1000
MAX_UNCOMPRESSED_BYTES = 50 * MB
MAX_COMPRESSION_RATIO = 100
# The main part of each kind and the content type [Content_Types].xml must declare for it.
_OFFICE_MAIN_PARTS = (
    (DOCX, "word/document.xml", "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"),
    (XLSX, "xl/workbook.xml", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"),
)
# Content types of parts that carry code, and of the main part of a macro-enabled document.
_ACTIVE_CONTENT_TYPES = ("vbaproject", "macroenabled", "macrosheet", "activex")


def is_active_content(name: str) -> bool:
    """A package part that carries code: the VBA project (and its signature) of a macro-enabled
    document (.docm/.xlsm renamed), Excel 4.0 macro sheets, ActiveX controls — by the names Office
    gives them, in any folder and any case. A hand-made file may name them otherwise; it must still
    declare their content types, which `declares_active_content` finds."""
    lowered = name.replace("\\", "/").lower()
    base = lowered.rsplit("/", 1)[-1]
    return (base.startswith("vbaproject") and base.endswith(".bin")) or "macrosheets/" in lowered \
        or "activex/" in lowered


def declares_active_content(content_types: str) -> bool:
    """True when the text of [Content_Types].xml declares a part that carries code."""
    lowered = content_types.lower()
    return any(kind in lowered for kind in _ACTIVE_CONTENT_TYPES)


def _decode_xml(data: bytes) -> str:
    # Office writes UTF-8; UTF-16 is legal XML too (a byte-order mark says so).
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16", errors="replace")
    return data.decode("utf-8", errors="replace")


def office_kind(fileobj) -> Kind | None:
    """DOCX or XLSX when `fileobj` is such a package, None for any other zip. Raises Refused
    ("damaged") for a zip that cannot be read or looks like a zip bomb (member count, declared
    uncompressed size, compression ratio: checked on the directory before anything is
    decompressed), and Refused("active_content") for macros or controls. Only [Content_Types].xml
    is decompressed, and never beyond its declared size."""
    fileobj.seek(0)
    try:
        archive = zipfile.ZipFile(fileobj)
    except (zipfile.BadZipFile, OSError, ValueError, EOFError):
        raise Refused("damaged") from None
    with archive:
        members = archive.infolist()
        if len(members) > MAX_ZIP_MEMBERS:
            raise Refused("damaged")
        total = 0
        for member in members:
            total += member.file_size
            if member.file_size > MB and (
                    member.compress_size == 0 or member.file_size / member.compress_size > MAX_COMPRESSION_RATIO):
                raise Refused("damaged")
        if total > MAX_UNCOMPRESSED_BYTES:
            raise Refused("damaged")
        by_name = {m.filename.replace("\\", "/").lower(): m for m in members}
        if any(is_active_content(name) for name in by_name):
            raise Refused("active_content")
        manifest = by_name.get("[content_types].xml")
        if manifest is None:
            return None
        try:
            with archive.open(manifest) as stream:
                content_types = _decode_xml(stream.read(manifest.file_size))
        except (zipfile.BadZipFile, OSError, ValueError, EOFError, NotImplementedError, RuntimeError):
            # RuntimeError: an encrypted member; NotImplementedError: an unknown compression.
            raise Refused("damaged") from None
        if declares_active_content(content_types):
            raise Refused("active_content")
        for kind, main_part, main_type in _OFFICE_MAIN_PARTS:
            if main_part in by_name and main_type in content_types:
                return kind
    return None


# --- checking an upload ---------------------------------------------------------------------------

MESSAGES = {
    "too_big": _("“%(name)s”大小为 %(size)s，超过%(label)s每个文件 %(limit)s 的上限。"),
    "not_allowed": _("“%(name)s”不是 %(accepted)s，不能作为%(label)s上传。"),
    "legacy_office": _("“%(name)s”是旧版（.doc/.xls）或设置了打开密码的 Office 文件，不能上传；"
                       "请在 Word/Excel 中另存为不加密的 .docx/.xlsx 文件后再上传。"),
    "active_content": _("“%(name)s”含有宏或控件（VBA、Excel 4.0 宏表、ActiveX），不能上传；"
                        "请另存为不含宏的 .docx/.xlsx 文件后再上传。"),
    "damaged": _("“%(name)s”已损坏或结构异常（压缩包无法读取、内含文件过多或解压后过大），不能上传。"),
}


@dataclass(frozen=True)
class CheckedUpload:
    """An upload that passed its policy: what it is and the names to store and show it under."""

    upload: object
    kind: Kind
    name: str  # the user's file name made safe, with the kind's extension (shown, and the download's name)
    size: int

    @property
    def file(self) -> File:
        """The upload under a neutral name carrying only the kind's extension: assign it to the
        FileField (or pass it to FieldFile.save), and StoredName generates the stored name."""
        return File(self.upload, name="upload" + self.kind.extension)


def _size_of(upload) -> int:
    size = getattr(upload, "size", None)
    if size is None:
        upload.seek(0, 2)
        size = upload.tell()
        upload.seek(0)
    return size


def check_upload(upload, policy: FilePolicy | str, *, field: str | None = None) -> CheckedUpload:
    """Check `upload` against `policy` (a FilePolicy or a key of POLICIES): size, then kind by
    content. Raises ValidationError with one Chinese message (under `field` when given)."""
    if isinstance(policy, str):
        policy = POLICIES[policy]
    shown = clean_filename(getattr(upload, "name", "") or "", None, limit=80)
    params = {"name": shown, "label": policy.label, "accepted": policy.accepted,
              "limit": human_size(policy.max_bytes)}

    def refuse(code: str, **extra):
        message = ValidationError(MESSAGES[code], code=code, params={**params, **extra})
        raise ValidationError({field: [message]} if field else [message])

    size = _size_of(upload)
    if size > policy.max_bytes:
        refuse("too_big", size=human_size(size))
    try:
        kind = sniff(upload)
    except Refused as refusal:
        # Office-specific advice only where Office files are accepted at all.
        refuse(refusal.code if policy.kinds & OFFICE_KINDS else "not_allowed")
    if kind not in policy.kinds:
        refuse("not_allowed")
    return CheckedUpload(upload=upload, kind=kind, name=clean_filename(upload.name or "", kind), size=size)


@deconstructible
class AllowedFile:
    """Field validator: `validators=[AllowedFile("meeting_attachment")]` on a model or form FileField.

    A file already stored is not checked again (it was checked when it was uploaded; a record holding
    an older file stays editable); a new upload is checked in full."""

    def __init__(self, policy: str):
        self.policy = policy

    def __call__(self, value):
        if getattr(value, "_committed", False):  # a FieldFile of the stored file
            return
        check_upload(value, self.policy)

    def __eq__(self, other):
        return isinstance(other, AllowedFile) and other.policy == self.policy


# --- names ----------------------------------------------------------------------------------------

_UNSAFE_IN_NAMES = re.compile(r'[<>:"|?*]')


def clean_filename(name: str, kind: Kind | None, *, limit: int = 120) -> str:
    """The user's file name, fit to show and to send in Content-Disposition: no folders, no control
    or bidi-override characters (U+202E makes "gpj.exe" read "exe.jpg"), no characters Windows
    refuses, not longer than `limit`, and — when the kind is known — ending in the kind's extension
    (a PDF named 签到表.html downloads as 签到表.pdf)."""
    base = re.split(r"[\\/]", unicodedata.normalize("NFC", name or ""))[-1]
    base = "".join(ch for ch in base if unicodedata.category(ch)[0] != "C")
    base = _UNSAFE_IN_NAMES.sub("_", base).strip().strip(".").strip()
    if kind is None:
        return base[:limit] or gettext("附件")
    stem, dot, suffix = base.rpartition(".")
    if not dot:
        stem, suffix = base, ""
    suffix = "." + suffix.lower()
    extension = suffix if suffix in (kind.extension, *kind.aliases) else kind.extension
    stem = stem.strip()[: limit - len(extension)] or gettext("附件")
    return stem + extension


@deconstructible
class StoredName:
    """`upload_to` for every FileField: `<prefix>/<yyyy>/<mm>/<uuid4 hex><ext>`. The user's file name
    never reaches the storage; `ext` is kept only when it is one of our kinds' extensions (the
    services pass CheckedUpload.file, named after the sniffed kind)."""

    def __init__(self, prefix: str):
        self.prefix = prefix.strip("/")

    def __call__(self, instance, filename: str) -> str:
        suffix = PurePosixPath(filename.replace("\\", "/")).suffix.lower()
        extension = suffix if suffix in STORED_EXTENSIONS else ""
        return f"{self.prefix}/{timezone.now():%Y/%m}/{uuid.uuid4().hex}{extension}"

    def __eq__(self, other):
        return isinstance(other, StoredName) and other.prefix == self.prefix


# --- serving --------------------------------------------------------------------------------------

def file_response(stored, *, filename: str = "") -> FileResponse:
    """The download of a stored file (a FieldFile). Call it only after checking the user's scope on
    the record that owns the file. `filename` is the name to download it under (the record's stored
    original name; by default the stored name's last part)."""
    if not stored:
        raise Http404
    try:
        handle = stored.storage.open(stored.name, "rb")
    except FileNotFoundError:
        raise Http404 from None
    try:
        kind = sniff(handle)
    except Refused:
        kind = None
    name = clean_filename(filename or PurePosixPath(stored.name).name, kind)
    response = FileResponse(handle, as_attachment=True, filename=name,
                            content_type=kind.content_type if kind else UNKNOWN_CONTENT_TYPE)
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "no-store"
    # Should a browser ever render it anyway: no script, no requests, a unique origin.
    response["Content-Security-Policy"] = "default-src 'none'; sandbox"
    return response
