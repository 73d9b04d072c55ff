"""Case attachments (a write of the case file, so a service): checks (size, and no executables — by extension or
by content, the rule of ``core.uploads`` shared with every other upload) and storage under
``VAR_DIR/attachments`` (outside MEDIA_ROOT: files are served only through the scoped download view)."""

from __future__ import annotations

import os
import uuid
from pathlib import PurePath

from django.conf import settings
from django.core.files.storage import FileSystemStorage
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction

from sixia.cases import permissions as rights
from sixia.cases.models import Attachment, Case
from sixia.core import audit, permissions, uploads
from sixia.core.errors import InvalidInput

DEFAULT_MAX_BYTES = 20 * 1024 * 1024


def max_bytes() -> int:
    return int(getattr(settings, "SIXIA_ATTACHMENT_MAX_BYTES", DEFAULT_MAX_BYTES))


def storage() -> FileSystemStorage:
    return FileSystemStorage(location=settings.VAR_DIR / "attachments")


def clean_name(name: str) -> str:
    """The file's base name without directories or control characters, at most 200 characters."""
    base = PurePath(name.replace("\\", "/")).name
    base = "".join(ch for ch in base if ch.isprintable() and ch not in '<>:"|?*').strip(" .")
    if len(base) > 200:
        stem, ext = os.path.splitext(base)
        base = stem[: 200 - len(ext)] + ext
    return base or "附件"


def check_upload(upload: UploadedFile) -> str:
    """Refuse what may not be stored; returns the cleaned file name."""
    name = clean_name(upload.name or "")
    limit = max_bytes()
    if not upload.size:
        raise InvalidInput("empty_file", "文件是空的", "the file is empty", field="file")
    if upload.size > limit:
        raise InvalidInput("file_too_large", f"附件不能超过 {limit / (1024 * 1024):g} MB",
                           f"attachments may not exceed {limit} bytes", field="file")
    upload.seek(0)
    data = upload.read()
    upload.seek(0)
    # One rule for every upload of the platform (core.uploads); the two messages say which check refused it.
    if uploads.extension_of(name) in uploads.EXECUTABLE_EXTENSIONS:
        raise InvalidInput("executable_file", "不允许上传可执行文件或脚本", "executables and scripts are not accepted",
                           field="file")
    if uploads.looks_executable(data):
        raise InvalidInput("executable_file", "文件内容为可执行程序，不允许上传",
                           "the file's content is an executable", field="file")
    return name


def add_attachment(*, actor, case: Case, upload: UploadedFile) -> Attachment:
    """Check, store and record one attachment (Attachment row + audit entry in one transaction)."""
    permissions.require(actor, rights.ATTACH)
    name = check_upload(upload)
    ext = os.path.splitext(name)[1].lower()[:10]
    store = storage()
    stored = store.save(f"cases/{case.pk}/{uuid.uuid4().hex}{ext}", upload)
    try:
        with transaction.atomic():
            row = Attachment.objects.create(case=case, file=stored, name=name, size=upload.size or 0,
                                            content_type=(upload.content_type or "")[:100], uploaded_by=actor)
            audit.record(audit.Action.CREATE, obj=row, actor=actor, summary=f"上传附件 {case.tracking_no} {name}",
                         changes={"case": case.pk, "name": name, "size": row.size})
    except Exception:
        store.delete(stored)
        raise
    return row
