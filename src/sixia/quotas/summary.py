"""Quota text as the pages show it, in the active UI language: period names, activity phrases, amounts with
their unit, status words and the summary sentences.

The pure engine (``sixia.engines.quotas``) writes the same text in Chinese and stays the source for stored and
exported text. Here every clause is one gettext message whose Chinese msgid *is* the engine's Chinese, so a
Chinese page reads byte for byte as before (tests/quotas/test_english.py compares the two), and a translator
gets whole clauses with named placeholders instead of glued fragments.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from django.utils import dateformat
from django.utils.translation import gettext, npgettext, pgettext, pgettext_lazy

from sixia.engines.quotas.compliance import RuleResult, Status
from sixia.engines.quotas.periods import Period
from sixia.engines.quotas.summary import fmt, rule_totals

# Table labels of the activity kinds (the engine's KIND_SHORT) and the pieces of a phrase "到挂钩乡镇接访".
KIND_LABELS = {"reception": pgettext_lazy("quota kind", "接访"), "visit": pgettext_lazy("quota kind", "走访"),
               "onsite": pgettext_lazy("quota kind", "现场办公"), "research": pgettext_lazy("quota kind", "调研"),
               "lecture": pgettext_lazy("quota kind", "宣讲")}
_KIND_IN_PHRASE = {"reception": pgettext_lazy("quota phrase", "接访"), "visit": pgettext_lazy("quota phrase", "走访"),
                   "onsite": pgettext_lazy("quota phrase", "现场办公"),
                   "research": pgettext_lazy("quota phrase", "调研"), "lecture": pgettext_lazy("quota phrase", "宣讲")}
_WHERE = {"anywhere": pgettext_lazy("quota phrase", "下基层"), "linked": pgettext_lazy("quota phrase", "到挂钩联系点"),
          "linked_township": pgettext_lazy("quota phrase", "到挂钩乡镇"),
          "linked_village": pgettext_lazy("quota phrase", "到挂钩村（社区）"),
          "village": pgettext_lazy("quota phrase", "到村（社区）")}
STATUS_WORDS = {Status.MET: pgettext_lazy("quota status", "已达标"),
                Status.ON_TRACK: pgettext_lazy("quota status", "进度正常"),
                Status.BEHIND: pgettext_lazy("quota status", "进度滞后")}
_QUARTERS = {1: pgettext_lazy("quota period", "%(year)s年第一季度"), 2: pgettext_lazy("quota period", "%(year)s年第二季度"),
             3: pgettext_lazy("quota period", "%(year)s年第三季度"), 4: pgettext_lazy("quota period", "%(year)s年第四季度")}


def period_name(p: Period) -> str:
    """The engine's ``label_zh`` in the active language: 2026年第四季度 / Q4 2026."""
    if p.kind == "year":
        return pgettext("quota period", "%(year)s年") % {"year": p.year}
    if p.kind == "half":
        first = p.start.month == 1
        text = pgettext("quota period", "%(year)s年上半年") if first else pgettext("quota period", "%(year)s年下半年")
        return text % {"year": p.year}
    if p.kind == "quarter":
        return str(_QUARTERS[(p.start.month - 1) // 3 + 1]) % {"year": p.year}
    return dateformat.format(p.start, gettext("Y年n月"))


def kind_label(kind: str) -> str:
    return str(KIND_LABELS.get(kind, kind))


def activity_phrase(kind: str, where: str) -> str:
    """“到挂钩乡镇接访” / “receptions at the linked township”."""
    return pgettext("quota phrase", "%(where)s%(kind)s") % {
        "where": _WHERE.get(where, _WHERE["anywhere"]), "kind": _KIND_IN_PHRASE.get(kind, kind)}


def amount(value: float, measure: str) -> str:
    """“3次” / “3 times”, “1.5天” / “1.5 days”."""
    # ngettext takes an integer; a fraction of a day reads as a plural ("1.5 days")
    n = int(value) if float(value).is_integer() else 2
    if measure == "days":
        return npgettext("quota amount", "%(n)s天", "%(n)s天", n) % {"n": fmt(value)}
    return npgettext("quota amount", "%(n)s次", "%(n)s次", n) % {"n": fmt(value)}


def _scope(over: Period, period: Period) -> str:
    """A rule counted over a longer period than the one shown names it: “（2026年）”."""
    return "" if over.key == period.key else pgettext("quota scope", "（%(period)s）") % {"period": period_name(over)}


def _join(clauses: list[str]) -> str:
    return pgettext("quota clauses", "；").join(clauses)


def official_sentence(name: str, period: Period, results: Sequence[RuleResult]) -> str:
    """“张三2026年11月：应到挂钩乡镇接访1次，已完成1次（已达标）；…。”"""
    if not results:
        return gettext("%(name)s%(period)s没有适用的下基层履职指标。") % {"name": name, "period": period_name(period)}
    clauses = [pgettext("quota clause", "应%(activity)s%(required)s%(scope)s，已完成%(done)s（%(status)s）") % {
        "activity": activity_phrase(r.rule.kind, r.rule.where), "required": amount(r.required, r.rule.measure),
        "scope": _scope(r.period, period), "done": amount(r.done, r.rule.measure), "status": STATUS_WORDS[r.status]}
        for r in results]
    return gettext("%(name)s%(period)s：%(clauses)s。") % {"name": name, "period": period_name(period),
                                                          "clauses": _join(clauses)}


def _group_clauses(results: Iterable[RuleResult], period: Period) -> list[str]:
    """The engine's per-rule totals over the officials, one clause each."""
    return [pgettext("quota clause", "应%(activity)s%(required)s%(scope)s，已完成%(done)s") % {
        "activity": activity_phrase(t.kind, t.where), "required": amount(t.required, t.measure),
        "scope": _scope(t.over, period), "done": amount(t.done, t.measure)}
        for t in rule_totals(results)]


def period_sentence(period: Period, groups: Sequence[tuple[str, int, list[RuleResult]]]) -> str:
    """``groups``: (rank label, number of officials, all their results) → one sentence for the period:
    “2026年第四季度，县处级领导1人应到挂钩乡镇接访3次，已完成2次；应下基层调研60天（2026年），已完成2天。”"""
    parts = []
    for rank_label, officials, results in groups:
        clauses = _group_clauses(results, period)
        if not clauses or not officials:
            continue
        text = _join(clauses)
        behind = sum(1 for r in results if r.status == Status.BEHIND)
        if behind:
            text += npgettext("quota", "，%(behind)s项进度滞后", "，%(behind)s项进度滞后", behind) % {"behind": behind}
        parts.append(npgettext("quota group", "%(rank)s领导%(officials)s人%(clauses)s",
                               "%(rank)s领导%(officials)s人%(clauses)s", officials)
                     % {"rank": rank_label, "officials": officials, "clauses": text})
    if not parts:
        return gettext("%(period)s，没有适用的下基层履职指标。") % {"period": period_name(period)}
    return gettext("%(period)s，%(groups)s。") % {"period": period_name(period),
                                                "groups": pgettext("quota groups", "。").join(parts)}
