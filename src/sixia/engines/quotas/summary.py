"""Summary sentences generated from the numbers, in the offices' own style:
"2026年第四季度，县处级领导1人应到挂钩乡镇接访3次，已完成2次；应下基层调研60天（2026年），已完成2天。"
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from sixia.engines.quotas.compliance import RuleResult, Status
from sixia.engines.quotas.periods import Period

KIND_SHORT = {"reception": "接访", "visit": "走访", "onsite": "现场办公", "research": "调研", "lecture": "宣讲"}
WHERE_PHRASE = {"anywhere": "下基层", "linked": "到挂钩联系点", "linked_township": "到挂钩乡镇",
                "linked_village": "到挂钩村（社区）", "village": "到村（社区）"}
UNIT = {"count": "次", "days": "天"}
STATUS_ZH = {Status.MET: "已达标", Status.ON_TRACK: "进度正常", Status.BEHIND: "进度滞后"}


def fmt(x: float) -> str:
    return str(int(x)) if float(x).is_integer() else f"{x:.1f}"


def activity_phrase(kind: str, where: str) -> str:
    return WHERE_PHRASE.get(where, "下基层") + KIND_SHORT.get(kind, kind)


@dataclass(frozen=True)
class RuleTotal:
    """One rule's requirement and achievement summed over several officials."""

    kind: str
    where: str
    measure: str
    over: Period  # the period the rule is counted over (may be longer than the one shown)
    required: float
    done: float


def rule_totals(results: Iterable[RuleResult]) -> list[RuleTotal]:
    """Sum results per rule (kind, place, measure, period) over the officials, in rule order."""
    sums: dict[tuple, list] = {}
    for r in results:
        entry = sums.setdefault((r.rule.kind, r.rule.where, r.rule.measure, r.period.key), [0.0, 0.0, r.period])
        entry[0] += r.required
        entry[1] += r.done
    return [RuleTotal(kind, where, measure, over, required, done)
            for (kind, where, measure, _key), (required, done, over) in sums.items()]


def _clauses(results: Iterable[RuleResult], period: Period) -> list[str]:
    """"应…N次（period），已完成M次" per rule total."""
    out = []
    for t in rule_totals(results):
        scope = "" if t.over.key == period.key else f"（{t.over.label_zh}）"
        unit = UNIT[t.measure]
        out.append(f"应{activity_phrase(t.kind, t.where)}{fmt(t.required)}{unit}{scope}，已完成{fmt(t.done)}{unit}")
    return out


def period_sentence(period: Period, groups: Sequence[tuple[str, int, list[RuleResult]]]) -> str:
    """``groups``: (rank label, number of officials, all their results) → one sentence for the period."""
    parts = []
    for rank_label, officials, results in groups:
        clauses = _clauses(results, period)
        if not clauses or not officials:
            continue
        behind = sum(1 for r in results if r.status == Status.BEHIND)
        tail = f"，{behind}项进度滞后" if behind else ""
        parts.append(f"{rank_label}领导{officials}人" + "；".join(clauses) + tail)
    if not parts:
        return f"{period.label_zh}，没有适用的下基层履职指标。"
    return f"{period.label_zh}，" + "。".join(parts) + "。"


def official_sentence(name: str, period: Period, results: Sequence[RuleResult]) -> str:
    """"张三2026年11月：应到挂钩乡镇接访1次，已完成1次（已达标）；…。" """
    if not results:
        return f"{name}{period.label_zh}没有适用的下基层履职指标。"
    clauses = []
    for r in results:
        scope = "" if r.period.key == period.key else f"（{r.period.label_zh}）"
        unit = UNIT[r.rule.measure]
        clauses.append(f"应{activity_phrase(r.rule.kind, r.rule.where)}{fmt(r.required)}{unit}{scope}，"
                       f"已完成{fmt(r.done)}{unit}（{STATUS_ZH[r.status]}）")
    return f"{name}{period.label_zh}：" + "；".join(clauses) + "。"
