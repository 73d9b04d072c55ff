"""Case attachments (a write of the case file, so a service): the one upload pipeline of ``core.uploads`` (size,
the document allow-list, no executables by extension, content or inside an archive, photos re-encoded without
their EXIF location unless the uploader keeps it) and storage under ``VAR_DIR/attachments`` (outside
MEDIA_ROOT: files are served only through the scoped download view)."""

from __future__ import annotations

import os
import uuid
from pathlib import PurePath

from django.conf import settings
from django.core.files.base import ContentFile
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


def check_upload(upload: UploadedFile, *, keep_location: bool = False) -> tuple[str, uploads.Prepared]:
    """Refuse what may not be stored; returns the cleaned file name and the checked, cleaned content."""
    name = clean_name(upload.name or "")
    limit = max_bytes()
    if not upload.size:
        raise InvalidInput("empty_file", "文件是空的", "the file is empty", field="file")
    if upload.size > limit:
        raise InvalidInput("file_too_large", f"附件不能超过 {limit / (1024 * 1024):g} MB",
                           f"attachments may not exceed {limit} bytes", field="file")
    data = uploads.read_limited(upload, limit)
    return name, uploads.prepare(data, name, purpose="document", keep_location=keep_location, limit=limit)


def add_attachment(*, actor, case: Case, upload: UploadedFile, keep_location: bool = False) -> Attachment:
    """Check, store and record one attachment (Attachment row + audit entry in one transaction)."""
    permissions.require(actor, rights.ATTACH)
    name, prepared = check_upload(upload, keep_location=keep_location)
    if prepared.is_image:  # re-encoded: the stored name says what it now is
        name = f"{os.path.splitext(name)[0]}.{prepared.ext}"
    store = storage()
    stored = store.save(f"cases/{case.pk}/{uuid.uuid4().hex}.{prepared.ext}", ContentFile(prepared.data))
    try:
        with transaction.atomic():
            row = Attachment.objects.create(case=case, file=stored, name=name, size=len(prepared.data),
                                            content_type=prepared.content_type, uploaded_by=actor)
            audit.record(audit.Action.CREATE, obj=row, actor=actor, summary=f"上传附件 {case.tracking_no} {name}",
                         changes={"case": case.pk, "name": name, "size": row.size})
    except Exception:
        store.delete(stored)
        raise
    return row
