"""Attachment storage shared by the apps (附件/照片): stored under ``VAR_DIR/uploads/<area>/YYYY/MM/``.

The one upload pipeline of the platform (case attachments, activity attachments and photos, research
reports). Rules, checked before anything is written:
- size: the request is refused from its ``Content-Length`` before it is read (``InputGuardMiddleware``,
  ``max_request_bytes``); each file is read to at most ``max_bytes()`` + 1 (``read_limited``) and refused above
  ``settings.SIXIA_UPLOAD_MAX_BYTES`` (env ``SIXIA_UPLOAD_MAX_BYTES``), default 10 MiB;
- type: an allow-list per purpose (``PURPOSES``): ``document`` takes PDF, Office, WPS/OFD, text, CSV, ZIP and
  images, ``photo`` only images — never ``.mht``, ``.xml``, ``.html``, ``.svg`` (a browser runs them);
- anything executable is refused, by extension (``.exe``, ``.sh``, ``.js``, …) and by content (MZ, ELF,
  Mach-O, ``#!`` scripts); archives (ZIP, and the Office files that are ZIPs) are opened and their members
  inspected the same way, nested archives down to ``MAX_ARCHIVE_DEPTH`` (deeper is refused), with limits on
  the member count and the unpacked size (a zip bomb is refused, not unpacked);
- images (JPEG, PNG, GIF, WebP, BMP) are decoded and re-encoded with Pillow: EXIF and other metadata — the
  GPS position of a photo — are dropped unless the uploader ticks "keep location" (``keep_location``), and a
  file that does not decode is refused;
- other files are kept as given under a random name; the original name is recorded only for display.

``prepare(data, filename, purpose=…, keep_location=…)`` checks and cleans (returns ``Prepared``);
``store(data, filename, area=...)`` also writes it and returns a ``StoredFile``; ``open_stored(path)`` reads
one back.
"""

from __future__ import annotations

import hashlib
import io
import os
import secrets
import zipfile
from dataclasses import dataclass
from datetime import date
from pathlib import Path, PurePosixPath

from sixia.core.errors import InvalidInput

DEFAULT_MAX_BYTES = 10 * 1024 * 1024
# Anything a click could run (Windows, Unix, macOS, Android, Java, Office macros) and markup a browser would
# execute when the file is opened (html, svg). One list for every upload in the platform.
_EXECUTABLE = (
    "exe dll com scr pif msi msp cpl sys drv ocx bat cmd ps1 psm1 vbs vbe js jse wsf wsh hta reg lnk "
    "sh bash csh ksh zsh run bin elf so dylib app appimage dmg pkg deb rpm command apk dex jar class war ear "
    "py pyc pl rb php docm xlsm pptm dotm xltm html htm svg xhtml")
EXECUTABLE_EXTENSIONS = frozenset(_EXECUTABLE.split())
_MARKUP = frozenset({"html", "htm", "svg", "xhtml"})  # harmless inside an archive (not opened by a click)
IMAGE_FORMATS = {"JPEG": ("jpg", "image/jpeg"), "PNG": ("png", "image/png"), "GIF": ("gif", "image/gif"),
                 "WEBP": ("webp", "image/webp"), "BMP": ("png", "image/png")}
IMAGE_EXTENSIONS = frozenset({"jpg", "jpeg", "png", "gif", "webp", "bmp"})
DOCUMENT_TYPES = {"pdf": "application/pdf", "doc": "application/msword",
                  "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
                  "xls": "application/vnd.ms-excel",
                  "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                  "ppt": "application/vnd.ms-powerpoint",
                  "pptx": "application/vnd.openxmlformats-officedocument.presentationml.presentation",
                  "txt": "text/plain", "csv": "text/csv", "wps": "application/vnd.ms-works", "ofd": "application/ofd",
                  "zip": "application/zip"}
PURPOSES: dict[str, frozenset[str]] = {
    "document": frozenset(DOCUMENT_TYPES) | IMAGE_EXTENSIONS,
    "photo": IMAGE_EXTENSIONS,
}
ARCHIVE_EXTENSIONS = frozenset({"zip", "docx", "xlsx", "pptx"})
MAX_ARCHIVE_DEPTH = 2  # a zip in a zip is inspected; a zip in a zip in a zip is refused
MAX_ARCHIVE_MEMBERS = 2000
MAX_UNPACKED_BYTES = 200 * 1024 * 1024
REQUEST_OVERHEAD = 1024 * 1024  # multipart framing and the other fields of a form that carries a file
EXECUTABLE_MAGIC = (b"MZ", b"\x7fELF", b"#!", b"\xfe\xed\xfa\xce", b"\xfe\xed\xfa\xcf", b"\xce\xfa\xed\xfe",
                    b"\xcf\xfa\xed\xfe", b"\xca\xfe\xba\xbe", b"dex\n")


@dataclass(frozen=True)
class StoredFile:
    """What was written: the path relative to the uploads root, the display name, size, digest, type."""

    path: str
    name: str
    size: int
    sha256: str
    content_type: str
    is_image: bool


def max_bytes() -> int:
    from django.conf import settings

    value = getattr(settings, "SIXIA_UPLOAD_MAX_BYTES", None) or os.environ.get("SIXIA_UPLOAD_MAX_BYTES")
    return int(value) if value else DEFAULT_MAX_BYTES


def max_request_bytes() -> int:
    """The largest request body accepted at all (checked from ``Content-Length`` before reading): the largest
    file limit of the platform plus the form around it."""
    from django.conf import settings

    largest = max(max_bytes(), int(getattr(settings, "SIXIA_ATTACHMENT_MAX_BYTES", 0) or 0),
                  int(getattr(settings, "DATA_UPLOAD_MAX_MEMORY_SIZE", 0) or 0))
    return largest + REQUEST_OVERHEAD


def read_limited(upload, limit: int | None = None) -> bytes:
    """At most ``limit`` + 1 bytes of an uploaded file (one more than allowed is enough to refuse it)."""
    limit = limit if limit is not None else max_bytes()
    upload.seek(0)
    data = upload.read(limit + 1)
    upload.seek(0)
    return data


def uploads_root() -> Path:
    from django.conf import settings

    return Path(settings.VAR_DIR) / "uploads"


def extension_of(filename: str) -> str:
    name = PurePosixPath((filename or "").replace("\\", "/")).name
    return name.rsplit(".", 1)[-1].lower() if "." in name else ""


def _refuse(code: str, zh: str, en: str):
    raise InvalidInput(code, zh, en, field="file")


def looks_executable(data: bytes) -> bool:
    """Executable by content: a known executable header, or an archive holding an executable member (at any
    depth up to ``MAX_ARCHIVE_DEPTH``)."""
    try:
        inspect_archive(data)
    except InvalidInput as exc:
        return exc.code == "executable_refused"
    return any(data.startswith(magic) for magic in EXECUTABLE_MAGIC)


def inspect_archive(data: bytes, depth: int = 1) -> None:
    """Refuse an executable at the top or inside a ZIP, nested ZIPs included down to ``MAX_ARCHIVE_DEPTH``;
    refuse archives nested deeper, with too many members, or that unpack to more than ``MAX_UNPACKED_BYTES``
    (the sizes are read from the directory and enforced while reading, never trusted)."""
    if any(data.startswith(magic) for magic in EXECUTABLE_MAGIC):
        _refuse("executable_refused", "文件内容为可执行程序，不允许上传", "the file's content is an executable")
    if not data.startswith(b"PK"):
        return
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except (zipfile.BadZipFile, ValueError):
        return  # not an archive after all (or a damaged one: nothing in it can be opened either)
    with archive:
        members = archive.infolist()
        if len(members) > MAX_ARCHIVE_MEMBERS or sum(m.file_size for m in members) > MAX_UNPACKED_BYTES:
            _refuse("archive_too_large", "压缩包内文件过多或解压后过大", "the archive holds too many or too large files")
        for member in members:
            if member.is_dir():
                continue
            ext = extension_of(member.filename)
            if ext in EXECUTABLE_EXTENSIONS - _MARKUP:
                _refuse("executable_refused",
                        "文件内容为可执行程序（压缩包中含有可执行文件或脚本），不允许上传",
                        "the archive holds an executable file")
            with archive.open(member) as fh:
                head = fh.read(4)
                if ext not in ARCHIVE_EXTENSIONS and not head.startswith(b"PK"):
                    if any((head + b"    ").startswith(magic) for magic in EXECUTABLE_MAGIC):
                        _refuse("executable_refused", "文件内容为可执行程序（压缩包中含有可执行文件或脚本），不允许上传",
                                "the archive holds an executable file")
                    continue
                if depth >= MAX_ARCHIVE_DEPTH:
                    _refuse("archive_too_deep", f"压缩包嵌套超过 {MAX_ARCHIVE_DEPTH} 层，不允许上传",
                            f"archives nested deeper than {MAX_ARCHIVE_DEPTH} levels are not accepted")
                inner = head + fh.read(MAX_UNPACKED_BYTES + 1)
            if len(inner) > MAX_UNPACKED_BYTES:
                _refuse("archive_too_large", "压缩包解压后过大", "the archive unpacks to too much data")
            inspect_archive(inner, depth + 1)


def is_executable(filename: str, data: bytes) -> bool:
    """Executable by the name's (last) extension — what a click would run — or by content, whatever the name
    (``photo.jpg`` holding a PE binary)."""
    return extension_of(filename) in EXECUTABLE_EXTENSIONS or looks_executable(data)


def check(data: bytes, filename: str, *, limit: int | None = None, purpose: str = "document") -> str:
    """Validate an upload for ``purpose`` (a key of ``PURPOSES``); returns its (lower-case) extension.
    Raises InvalidInput with a Chinese and English message."""
    limit = limit if limit is not None else max_bytes()
    if not data:
        _refuse("empty_file", "文件为空", "the file is empty")
    if len(data) > limit:
        _refuse("file_too_large", f"文件超过大小限制（{limit // 1024 // 1024 or 1} MB）",
                f"file larger than the limit of {limit} bytes")
    ext = extension_of(filename)
    if ext in EXECUTABLE_EXTENSIONS:  # by name: what a click would run
        _refuse("executable_refused", "不允许上传可执行文件或脚本", "executable files are not allowed")
    inspect_archive(data)  # by content, whatever the name (photo.jpg holding a PE binary), archives opened
    if ext not in PURPOSES[purpose]:
        allowed = "、".join(f".{e}" for e in sorted(PURPOSES[purpose]))
        _refuse("file_type_refused", f"不支持的文件类型：.{ext or '（无扩展名）'}（允许：{allowed}）",
                f"file type not allowed: .{ext} (allowed: {allowed})")
    return ext


def reencode_image(data: bytes, *, keep_location: bool = False) -> tuple[bytes, str, str]:
    """Decode and re-encode an image without its metadata — unless ``keep_location``, when a JPEG's or
    WebP's EXIF (with its GPS position) is carried over as the uploader asked. Returns (bytes, extension,
    content type)."""
    from PIL import Image, UnidentifiedImageError

    try:
        with Image.open(io.BytesIO(data)) as probe:
            probe.verify()
        with Image.open(io.BytesIO(data)) as img:
            fmt = img.format or ""
            if fmt not in IMAGE_FORMATS:
                _refuse("image_refused", "不支持的图片格式", f"image format not allowed: {fmt}")
            img.load()
            ext, content_type = IMAGE_FORMATS[fmt]
            out = io.BytesIO()
            exif = img.info.get("exif") if keep_location else None
            if fmt == "JPEG":
                clean = img.convert("RGB")
                clean.save(out, "JPEG", quality=88, optimize=True, **({"exif": exif} if exif else {}))
            elif fmt == "GIF":
                img.save(out, "GIF")  # first frame only; GIF metadata is not carried over
            else:
                mode = img.mode if img.mode in ("RGB", "RGBA", "L", "LA", "P") else "RGBA"
                clean = img.convert(mode)
                clean.info.clear()
                extra = {"exif": exif} if exif and fmt == "WEBP" else {}
                clean.save(out, "WEBP" if fmt == "WEBP" else "PNG", **extra)
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError, Image.DecompressionBombError):
        _refuse("image_corrupt", "图片文件已损坏或无法识别", "the image is corrupt or not an image")
    return out.getvalue(), ext, content_type


@dataclass(frozen=True)
class Prepared:
    """An upload that passed the checks, cleaned (an image re-encoded): what may be written."""

    data: bytes
    ext: str
    content_type: str
    is_image: bool


def prepare(data: bytes, filename: str, *, purpose: str = "document", keep_location: bool = False,
            limit: int | None = None) -> Prepared:
    """Check one upload for ``purpose`` and clean it; nothing is written. Raises InvalidInput."""
    ext = check(data, filename, limit=limit, purpose=purpose)
    if ext in IMAGE_EXTENSIONS:
        data, ext, content_type = reencode_image(data, keep_location=keep_location)
        return Prepared(data, ext, content_type, True)
    return Prepared(data, ext, DOCUMENT_TYPES[ext], False)


def store(data: bytes, filename: str, *, area: str = "misc", today: date | None = None, purpose: str = "document",
          keep_location: bool = False) -> StoredFile:
    """Check, clean and write one upload. Nothing is written if a rule refuses it."""
    prepared = prepare(data, filename, purpose=purpose, keep_location=keep_location)
    data, ext, content_type, is_image = prepared.data, prepared.ext, prepared.content_type, prepared.is_image
    if today is None:
        from django.utils import timezone

        today = timezone.localdate()
    safe_area = "".join(ch for ch in area if ch.isalnum() or ch in "-_") or "misc"
    relative = PurePosixPath(safe_area, f"{today:%Y}", f"{today:%m}", f"{secrets.token_hex(16)}.{ext}")
    target = uploads_root() / relative
    target.parent.mkdir(parents=True, exist_ok=True)
    with open(target, "xb") as fh:
        fh.write(data)
    display = PurePosixPath((filename or "").replace("\\", "/")).name[:200] or relative.name
    return StoredFile(path=str(relative), name=display, size=len(data), sha256=hashlib.sha256(data).hexdigest(),
                      content_type=content_type, is_image=is_image)


def open_stored(path: str) -> bytes:
    """Read a stored file back; refuses paths that leave the uploads root."""
    root = uploads_root().resolve()
    target = (root / path).resolve()
    if root not in target.parents:
        _refuse("bad_path", "文件路径无效", "invalid stored path")
    return target.read_bytes()
