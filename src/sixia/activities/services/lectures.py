"""政策宣讲: a lecture with its form (村头板凳会 …), team and audience; audience questions may become cases."""

from __future__ import annotations

from sixia.activities.models import Kind, LectureForm
from sixia.activities.services import recording
from sixia.activities.services.common import Recorded
from sixia.core.errors import InvalidInput


def prepare(actor, fields: dict, region_code: str) -> list:
    code = fields.get("lecture_form")
    if code and not isinstance(code, LectureForm):
        form = LectureForm.objects.filter(code=code, is_active=True).first()
        if form is None:
            raise InvalidInput("invalid_form", f"宣讲形式无效：{code}", "unknown lecture form", field="lecture_form")
        fields["lecture_form"] = form
    elif not code:
        fields.pop("lecture_form", None)
    if int(fields.get("audience") or 0) < 0:
        raise InvalidInput("invalid_audience", "受众人数不能为负数", "audience cannot be negative", field="audience")
    return []


def record_lecture(*, actor, lecture_form: str | None = None, team: str = "", audience: int = 0,
                   **kwargs) -> Recorded:
    return recording.record_activity(actor=actor, kind=Kind.LECTURE, lecture_form=lecture_form, team=team,
                                     audience=audience, **kwargs)
