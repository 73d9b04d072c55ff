"""Plausibility checks (录入合理性) shared by every path that records something that already happened.

The rules are the ``core.InputRules`` row (earliest date, tolerance for clocks ahead of the server); every
check raises ``InvalidInput`` with a Chinese and English message naming the field, before anything is
written, so a page keeps what was typed and the API answers 422.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta

from django.core.exceptions import FieldDoesNotExist
from django.utils import timezone

from sixia.core.errors import InvalidInput


def rules():
    from sixia.core.models import InputRules

    return InputRules.current()


def _as_datetime(value: date | datetime) -> datetime:
    if isinstance(value, datetime):
        return value if timezone.is_aware(value) else timezone.make_aware(value)
    return timezone.make_aware(datetime.combine(value, datetime.min.time()))


def check_in_range(value: date | datetime | None, *, field: str, label_zh: str, label_en: str,
                   allow_future: bool = False, now: datetime | None = None) -> None:
    """``value`` (a date or a time) lies on or after the earliest date and — unless ``allow_future`` (a plan,
    a deadline) — not in the future beyond the tolerance. ``None`` passes (a blank optional field)."""
    if value is None:
        return
    current = rules()
    day = value.date() if isinstance(value, datetime) else value
    if day < current.earliest_date:
        raise InvalidInput("date_too_early", f"{label_zh}不能早于 {current.earliest_date:%Y-%m-%d}",
                           f"{label_en} cannot be before {current.earliest_date:%Y-%m-%d}", field=field)
    if allow_future:
        return
    now = now or timezone.now()
    limit = now + timedelta(minutes=current.future_grace_minutes)
    if isinstance(value, datetime):
        too_late = _as_datetime(value) > limit
    else:
        too_late = value > timezone.localtime(limit).date()
    if too_late:
        raise InvalidInput("date_in_future", f"{label_zh}不能晚于当前时间", f"{label_en} cannot lie in the future",
                           field=field)


def check_return_visit(*, contacted: bool, resolved: bool, satisfaction: str) -> None:
    """A return visit that did not reach the petitioner records neither resolution nor satisfaction — the 三率
    count them, and an unreachable petitioner said neither."""
    if not contacted and (resolved or satisfaction):
        raise InvalidInput("visit_not_contacted", "未联系上信访人的回访不能记录已解决或满意度",
                           "a return visit that did not reach the petitioner cannot record resolved or satisfaction",
                           field="contacted")


def check_lengths(model, values: dict, *, labels: dict[str, tuple[str, str]] | None = None,
                  field_names: dict[str, str] | None = None) -> None:
    """Every text in ``values`` (field name → value) fits ``model``'s ``max_length`` for that field and carries
    no NUL character. SQLite does not enforce ``max_length`` and PostgreSQL refuses NUL in text, so checking
    here first makes both databases answer the same 422 naming the field. Names that are no field of the model,
    and non-text values, are skipped; ``labels`` (field → (中文, English)) names the field in the message (by
    default the column's Chinese verbose name), ``field_names`` maps a column to the input's name when they
    differ (a row of a list: ``p0-visitor_name``)."""
    from django.conf import settings
    from django.utils import translation

    labels, field_names = labels or {}, field_names or {}
    for name, value in values.items():
        if not isinstance(value, str):
            continue
        try:
            column = model._meta.get_field(name)
        except FieldDoesNotExist:  # a value the model does not store under that name
            column = None
        shown = field_names.get(name, name)
        if name in labels:
            zh, en = labels[name]
        else:
            with translation.override(settings.LANGUAGE_CODE):  # the Chinese message names the column in Chinese
                zh, en = str(getattr(column, "verbose_name", name) or name), shown
        if "\x00" in value:
            raise InvalidInput("nul_character", f"{zh}含有不允许的空字符", f"{en} contains a NUL character",
                               field=shown)
        limit = getattr(column, "max_length", None)
        if limit and len(value) > limit:
            raise InvalidInput("too_long", f"{zh}不能超过 {limit} 个字符（现 {len(value)} 个）",
                               f"{en} cannot exceed {limit} characters (got {len(value)})", field=shown)
