"""Default quota rules (rules.md §3), seeded by migration 0002 and then edited by admins.

Plain data, no Django import. Each row: (rank, kind, measure, period, where, amount, remind_days_before,
source). Figures the seeds give as local practice are marked UNVERIFIED: they are defaults, not national
rules. A region's admins add rows with a ``region_prefix`` to override a default for their region.

Reminder lead times (days before the period ends, UNVERIFIED, our choice): month 5, quarter 10,
half-year 20, year 30.
"""

from __future__ import annotations

REMIND_DAYS = {"month": 5, "quarter": 10, "half": 20, "year": 30}

# (rank, kind, measure, period, where, amount, source)
RULES: list[tuple[str, str, str, str, str, float, str]] = [
    # 信访接待下基层 — 2009 中办/国办 opinion on leaders' regular reception; seeds 001 (local practice)
    ("municipal", "reception", "count", "quarter", "anywhere", 1,
     "2009年中办国办关于领导干部定期接待群众来访的意见：市级领导约每季度1天"),
    ("county", "reception", "count", "month", "linked_township", 1,
     "2009年意见：县委书记、县长约每月1天；种子材料001：县处级领导每月至少一天到挂钩乡镇接访（UNVERIFIED）"),
    ("township", "reception", "count", "month", "village", 2,
     "种子材料001：乡（镇）科级领导干部每半月至少一天到村（社区）接访，即每月2次（UNVERIFIED）"),
    # 现场办公下基层 — seeds 000 / 001 (local practice)
    ("provincial", "onsite", "count", "half", "anywhere", 1,
     "种子材料000：省级领导干部每半年至少1次到基层现场办公（UNVERIFIED）"),
    ("municipal", "onsite", "count", "quarter", "anywhere", 1,
     "种子材料000：市级领导干部每季度至少1次到基层现场办公（UNVERIFIED）"),
    ("county", "onsite", "count", "quarter", "linked_township", 1,
     "种子材料001：县处级领导每季度至少x次深入挂钩联系的乡镇现场办公，次数原文缺失，默认1次（UNVERIFIED）"),
    # 调查研究下基层 — seeds 000 (福建: 省级 ≥30天, 市县 ≥60天); 湖南2011: 省30/省直部门45/市60/县90
    ("provincial", "research", "days", "year", "anywhere", 30,
     "种子材料000：每年省级领导到基层调研不少于30天（UNVERIFIED）"),
    ("municipal", "research", "days", "year", "anywhere", 60,
     "种子材料000：市县领导每年到基层调研不少于60天（UNVERIFIED；湖南2011为市级60天）"),
    ("county", "research", "days", "year", "anywhere", 60,
     "种子材料000：市县领导每年到基层调研不少于60天（UNVERIFIED；湖南2011为县级90天）"),
    # 一般干部 — a unit's plan in rules.md §3: each staff member visits ≥ 3 households
    ("staff", "visit", "count", "year", "anywhere", 3,
     "rules.md §3 某单位方案：每名干部走访不少于3户（UNVERIFIED，按年计）"),
]

# Kinds without a default quota (宣讲) are still recorded and shown in every official's totals.
