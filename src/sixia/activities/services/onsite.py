"""现场办公: an on-site meeting at an enterprise or project; its problem list is solved there or handed out."""

from __future__ import annotations

from sixia.activities.models import Kind
from sixia.activities.services import recording
from sixia.activities.services.common import Recorded


def prepare(actor, fields: dict, region_code: str) -> list:
    fields["target_name"] = (fields.get("target_name") or "").strip()
    return []


def record_onsite(*, actor, target_name: str = "", **kwargs) -> Recorded:
    return recording.record_activity(actor=actor, kind=Kind.ONSITE, target_name=target_name, **kwargs)
