"""``GET /api/v1/me/today``: the signed-in user's today list (``core.today``), the same sections as the home
page. Each section's ``url`` is the page listing exactly ``count`` rows for this user."""

from __future__ import annotations

from datetime import datetime

from ninja import Router, Schema

from sixia.core import today

router = Router(tags=["me 我的"])


class ItemOut(Schema):
    label: str
    url: str
    note: str
    due_at: datetime | None
    warning: str


class GroupOut(Schema):
    label: str
    count: int
    url: str


class SectionOut(Schema):
    key: str
    title: str
    title_zh: str
    count: int
    url: str
    items: list[ItemOut]
    groups: list[GroupOut]


class TodayOut(Schema):
    sections: list[SectionOut]


@router.get("/me/today", response=TodayOut, summary="今日工作（按角色的待办分区，计数与所链列表一致）")
def my_today(request):
    return {"sections": [_section(s) for s in today.collect(request.auth)]}


def _section(s: today.Section) -> dict:
    return {"key": s.key, "title": s.title, "title_zh": s.title_zh, "count": s.count, "url": s.url,
            "items": [vars(i) for i in s.items], "groups": [vars(g) for g in s.groups]}
