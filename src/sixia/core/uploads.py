"""Attachment storage shared by the apps (附件/照片): stored under ``VAR_DIR/uploads/<area>/YYYY/MM/``.

Rules (checked before anything is written):
- size limit: ``settings.SIXIA_UPLOAD_MAX_BYTES`` (env ``SIXIA_UPLOAD_MAX_BYTES``), default 10 MiB;
- anything executable is refused, by extension (``.exe``, ``.sh``, ``.js``, …) and by content (MZ, ELF,
  Mach-O, ``#!`` scripts, a ZIP that holds an executable);
- images (JPEG, PNG, GIF, WebP, BMP) are decoded and re-encoded with Pillow: EXIF and other metadata (GPS
  positions of photos) are dropped, and a file that does not decode is refused;
- other files are kept as given (PDF, Office documents, text) under a random name; the original name is
  recorded only for display.

``store(data, filename, area=...)`` returns a ``StoredFile``; ``open_stored(path)`` reads one back.
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


def uploads_root() -> Path:
    from django.conf import settings

    return Path(settings.VAR_DIR) / "uploads"


def extension_of(filename: str) -> str:
    name = PurePosixPath((filename or "").replace("\\", "/")).name
    return name.rsplit(".", 1)[-1].lower() if "." in name else ""


def _refuse(code: str, zh: str, en: str):
    raise InvalidInput(code, zh, en, field="file")


def looks_executable(data: bytes) -> bool:
    """Executable by content: a known executable header, or a ZIP holding an executable member."""
    if any(data.startswith(magic) for magic in EXECUTABLE_MAGIC):
        return True
    if data.startswith(b"PK"):
        try:
            with zipfile.ZipFile(io.BytesIO(data)) as archive:
                for member in archive.namelist():
                    if extension_of(member) in EXECUTABLE_EXTENSIONS - _MARKUP:
                        return True
        except zipfile.BadZipFile:
            return False
    return False


def is_executable(filename: str, data: bytes) -> bool:
    """Executable by the name's (last) extension — what a click would run — or by content, whatever the name
    (``photo.jpg`` holding a PE binary)."""
    return extension_of(filename) in EXECUTABLE_EXTENSIONS or looks_executable(data)


def check(data: bytes, filename: str, *, limit: int | None = None) -> str:
    """Validate an upload; returns its (lower-case) extension. Raises InvalidInput with a Chinese message."""
    limit = limit if limit is not None else max_bytes()
    if not data:
        _refuse("empty_file", "文件为空", "the file is empty")
    if len(data) > limit:
        _refuse("file_too_large", f"文件超过大小限制（{limit // 1024 // 1024 or 1} MB）",
                f"file larger than the limit of {limit} bytes")
    ext = extension_of(filename)
    if is_executable(filename, data):
        _refuse("executable_refused", "不允许上传可执行文件或脚本", "executable files are not allowed")
    if ext not in IMAGE_EXTENSIONS and ext not in DOCUMENT_TYPES:
        _refuse("file_type_refused", f"不支持的文件类型：.{ext or '（无扩展名）'}", f"file type not allowed: .{ext}")
    return ext


def reencode_image(data: bytes) -> tuple[bytes, str, str]:
    """Decode and re-encode an image without its metadata. Returns (bytes, extension, content type)."""
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
            if fmt == "JPEG":
                clean = img.convert("RGB")
                clean.save(out, "JPEG", quality=88, optimize=True)
            elif fmt == "GIF":
                img.save(out, "GIF")  # first frame only; GIF metadata is not carried over
            else:
                mode = img.mode if img.mode in ("RGB", "RGBA", "L", "LA", "P") else "RGBA"
                clean = img.convert(mode)
                clean.info.clear()
                clean.save(out, "WEBP" if fmt == "WEBP" else "PNG")
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError, Image.DecompressionBombError):
        _refuse("image_corrupt", "图片文件已损坏或无法识别", "the image is corrupt or not an image")
    return out.getvalue(), ext, content_type


def store(data: bytes, filename: str, *, area: str = "misc", today: date | None = None) -> StoredFile:
    """Check, clean and write one upload. Nothing is written if a rule refuses it."""
    ext = check(data, filename)
    is_image = ext in IMAGE_EXTENSIONS
    if is_image:
        data, ext, content_type = reencode_image(data)
    else:
        content_type = DOCUMENT_TYPES[ext]
    today = today or date.today()
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
