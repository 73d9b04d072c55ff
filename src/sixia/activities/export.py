"""Excel ledgers (台账) of the activities, one sheet per kind, with openpyxl."""

from __future__ import annotations

import io
from collections.abc import Iterable
from typing import Any

from django.conf import settings
from django.utils import translation

from sixia.activities import selectors
from sixia.activities.models import Activity, Kind
from sixia.core.xlsx import clean, keep_text

COMMON = [("日期", lambda a: a.start_day.isoformat()), ("主题", lambda a: a.title),
          ("地点", lambda a: f"{a.region.name} {a.place}".strip()),
          ("领导干部", lambda a: "、".join(p.official.name for p in a.participants.all())),
          ("挂钩点", lambda a: "是" if any(p.linkage_id for p in a.participants.all()) else "否"),
          ("天数", lambda a: float(a.days))]
EXTRA: dict[str, list] = {
    Kind.RECEPTION: [("状态", lambda a: a.get_status_display()),
                     ("当日情况", lambda a: selectors.day_summary(a)["sentence"]),
                     ("跟踪", lambda a: selectors.day_summary(a)["followup"])],
    Kind.VISIT: [("类型", lambda a: a.get_visit_type_display()),
                 ("走访户", lambda a: "、".join(h.get("name", "") for h in a.households or [])),
                 ("回访诉求", lambda a: a.case.tracking_no if a.case else "")],
    Kind.ONSITE: [("企业或项目", lambda a: a.target_name)],
    Kind.RESEARCH: [("调研课题", lambda a: a.topic.title if a.topic else ""), ("座谈走访人数", lambda a: a.people_met),
                    ("四不两直", lambda a: "是" if a.four_not_two_direct else "否")],
    Kind.LECTURE: [("宣讲形式", lambda a: a.lecture_form.name if a.lecture_form else ""), ("宣讲队", lambda a: a.team),
                   ("受众人数", lambda a: a.audience)],
}
PROBLEMS = [("问题数", lambda rows: len(rows)),
            ("当场解决", lambda rows: sum(1 for r in rows if r["problem"].outcome == "solved")),
            ("转诉求", lambda rows: sum(1 for r in rows if r["problem"].case_id)),
            ("未办结", lambda rows: sum(1 for r in rows if not r["closed"]))]


def ledger(kind: str, activities: Iterable[Activity]) -> bytes:
    """The ledger is an official document: Chinese (labels, day summaries) whatever the UI language."""
    with translation.override(settings.LANGUAGE_CODE):
        return _ledger(kind, activities)


def _ledger(kind: str, activities: Iterable[Activity]) -> bytes:
    from openpyxl import Workbook  # lazy: a worker that writes no ledger does not carry openpyxl
    from openpyxl.styles import Alignment, Font

    wb = Workbook()
    ws: Any = wb.active
    ws.title = str(Kind(kind).label)
    columns = COMMON + EXTRA.get(kind, [])
    ws.append(["序号"] + [c for c, _ in columns] + [c for c, _ in PROBLEMS])
    for cell in ws[1]:
        cell.font = Font(bold=True)
        cell.alignment = Alignment(horizontal="center")
    for i, activity in enumerate(activities, start=1):
        rows = selectors.problems_of(activity)
        ws.append([i] + [clean(fn(activity)) for _, fn in columns] + [fn(rows) for _, fn in PROBLEMS])
        keep_text(ws[ws.max_row])  # a title "=HYPERLINK(…)" stays text (core.xlsx)
    for col in ws.columns:
        width = max(len(str(c.value or "")) for c in col)
        ws.column_dimensions[getattr(col[0], "column_letter", "A")].width = min(60, max(8, width * 2))
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()
