"""Attachments and photos of an activity, and the report of a research topic (stored by ``core.uploads``)."""

from __future__ import annotations

from django.db import transaction

from sixia.activities import permissions as rights
from sixia.activities.models import Activity, Attachment, ResearchTopic
from sixia.core import audit, permissions, uploads


def attach(*, actor, data: bytes, filename: str, activity: Activity | None = None,
           topic: ResearchTopic | None = None, is_report: bool = False, keep_location: bool = False) -> Attachment:
    permissions.require(actor, rights.RECORD if activity is not None else rights.RESEARCH)
    stored = uploads.store(data, filename, area="activities", keep_location=keep_location)
    with transaction.atomic():
        row = Attachment.objects.create(activity=activity, topic=topic, is_report=is_report, name=stored.name,
                                        path=stored.path, size=stored.size, sha256=stored.sha256,
                                        content_type=stored.content_type, is_image=stored.is_image,
                                        uploaded_by=actor if getattr(actor, "pk", None) else None)
        audit.record(audit.Action.CREATE, obj=row, actor=actor, summary=f"上传附件 {stored.name}")
    return row
