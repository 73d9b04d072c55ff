"""Classifier adapter: load the current model from ``VAR_DIR/models``, suggest, record accept/override, train.

The engine (``sixia.engines.insight.classifier``) is pure; this module maps it onto the database:
category codes (``cases.Category``), responsible units (``org.Unit`` ids) and the case file (``CaseEvent``).

Rules as data (declared and validated in ``sixia.settings`` from the environment; listed in the README):

* ``INSIGHT_AUTO_THRESHOLD`` (env ``SIXIA_INSIGHT_AUTO_THRESHOLD``, default 0.9): at or above this probability
  the top category may pre-fill an empty category at intake (``auto_dispatch``); below it nothing is filled.
  Units are never assigned automatically: assignment stays a person's workflow action.
* ``INSIGHT_TOP_K`` (env ``SIXIA_INSIGHT_TOP_K``, default 3): how many suggestions per head.
"""

from __future__ import annotations

import threading
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from sixia.core.validation import is_digits
from sixia.engines.insight import serving
from sixia.engines.insight.classifier import Document, Model, Params, train
from sixia.engines.insight.serving import ServingModel
from sixia.engines.insight.text import looks_segmented

MODEL_PREFIX = "insight-classifier-"
MODEL_SUFFIX = ".joblib"
SERVING_SUFFIX = ".serving"
SUGGEST_ACTION = "classify"  # CaseEvent.action for suggestions and the person's accept/override


def auto_threshold() -> float:
    return float(settings.INSIGHT_AUTO_THRESHOLD)  # declared and validated in sixia.settings


def top_k() -> int:
    return int(settings.INSIGHT_TOP_K)


def models_dir() -> Path:
    return Path(getattr(settings, "MODELS_DIR", Path(settings.VAR_DIR) / "models"))


def current_model_path() -> Path | None:
    """The newest model file (file names carry a sortable UTC timestamp version)."""
    directory = models_dir()
    if not directory.is_dir():
        return None
    files = sorted(directory.glob(f"{MODEL_PREFIX}*{MODEL_SUFFIX}"))
    return files[-1] if files else None


_cache: dict[str, tuple[tuple[str, float], ServingModel]] = {}
_lock = threading.Lock()


def serving_dir(path: Path) -> Path:
    """The compact serving files of the model file ``path`` (``engines.insight.serving``)."""
    return path.with_suffix(SERVING_SUFFIX)


def current_model() -> ServingModel | None:
    """The current model as served (memory-mapped float32 arrays, no scikit-learn), loaded once per file and
    reloaded when a newer file appears. A model file saved before the serving files existed is exported once
    (which loads scikit-learn in that process, once)."""
    path = current_model_path()
    if path is None:
        return None
    key = (str(path), path.stat().st_mtime)
    with _lock:
        cached = _cache.get("current")
        if cached and cached[0] == key:
            return cached[1]
        directory = serving_dir(path)
        if not (directory / serving.MANIFEST).exists():
            serving.export(Model.load(path), directory)
        model = serving.load(directory)
        _cache["current"] = (key, model)
        return model


def save_model(model: Model) -> Path:
    path = models_dir() / f"{MODEL_PREFIX}{model.version}{MODEL_SUFFIX}"
    model.meta["bytes"] = model.save(path)
    serving.export(model, serving_dir(path))
    return path


def warm() -> bool:
    """Load the current model and the word segmenter now (a worker's boot, or the gunicorn master before it
    forks: ``sixia.gunicorn_conf``), so that no request waits for them. Returns whether a model was found."""
    from sixia.engines.insight import text

    text.tokens("预热")  # the segmenter's dictionary
    return current_model() is not None


# -- suggestions ----------------------------------------------------------------------------------------------
@dataclass
class Suggestions:
    model_version: str | None = None
    category: list[dict] = field(default_factory=list)
    unit: list[dict] = field(default_factory=list)
    auto_dispatch: bool = False

    def as_dict(self) -> dict:
        return {"model_version": self.model_version, "category": self.category, "unit": self.unit,
                "auto_dispatch": self.auto_dispatch}

    @property
    def top_category(self) -> str:
        return self.category[0]["code"] if self.category else ""


def suggest(*, title: str, content: str, region_code: str = "",
            model: Model | ServingModel | None = None) -> Suggestions:
    """Top-k category and unit suggestions with probabilities; empty when there is no model."""
    model = model or current_model()
    if model is None or not (title or content).strip():
        return Suggestions(model_version=model.version if model else None)
    doc = Document(title=title or "", body=content or "")
    k = top_k()
    names = model.meta.get("names", {})
    cat_pairs = model.suggest("category", doc, k)
    labels = [c for c, _ in cat_pairs]
    # A label is a category code, or (a model trained on a CSV such as 城乡建设 / 教育文体) a category name.
    catalogue = _catalogue()
    by_code = {c: catalogue.names[c] for c in labels if c in catalogue.names}
    by_name = {n: catalogue.top_by_name[n] for n in labels if n in catalogue.top_by_name}
    known = set(by_code) | set(by_name.values())
    category: list[dict] = []
    for label, p in cat_pairs:
        if label in by_code:
            code, name = label, by_code[label]
        elif label in by_name:
            code, name = by_name[label], label
        else:
            code, name = label, names.get("category", {}).get(label, label)
        category.append({"code": code, "name": name, "probability": round(p, 4)})
    unit: list[dict] = []
    if "unit" in model.heads:
        pairs = model.suggest("unit", doc, k * 3)
        ids = [int(u) for u, _ in pairs if is_digits(u)]
        active = _active_units()
        units = {i: active[i] for i in ids if i in active}
        for label, p in pairs:
            u = units.get(int(label)) if is_digits(label) else None
            if u is None or (region_code and not region_code.startswith(u.region_id)):
                continue
            unit.append({"id": u.pk, "name": u.name, "probability": round(p, 4)})
        unit = unit[:k]
    elif region_code:
        unit = _units_from_dispatch_rules(category, region_code)[:k]
    auto = bool(cat_pairs) and cat_pairs[0][1] >= auto_threshold() and category[0]["code"] in known
    return Suggestions(model_version=model.version, category=category, unit=unit, auto_dispatch=auto)


def _units_from_dispatch_rules(category: list[dict], region_code: str) -> list[dict]:
    """No unit head in the model: follow the 派单目录 from each suggested category, carrying its probability."""
    from sixia.cases.services import dispatch_rule_for

    out: dict[int, dict] = {}
    for item in category:
        rule = dispatch_rule_for(category_code=item["code"], region_code=region_code)
        if rule is None:
            continue
        entry = out.setdefault(rule.unit_id, {"id": rule.unit_id, "name": rule.unit.name, "probability": 0.0})
        entry["probability"] = round(entry["probability"] + item["probability"], 4)
    return sorted(out.values(), key=lambda e: -e["probability"])


@dataclass(frozen=True)
class _Catalogue:
    names: dict[str, str]  # code → name, every category
    top_by_name: dict[str, str]  # name → code, top-level categories


def _catalogue() -> _Catalogue:
    """The category names the suggestions show, cached per process (``sixia.core.rowcache``)."""
    from sixia.cases.models import Category
    from sixia.core import rowcache

    def load() -> _Catalogue:
        rows = list(Category.objects.values_list("code", "name", "parent_id"))
        return _Catalogue({c: n for c, n, _ in rows}, {n: c for c, n, parent in rows if parent is None})

    rowcache.register("insight_catalogue", Category)
    return rowcache.get("insight_catalogue", load)


def _active_units() -> dict:
    """Active units by id (the unit head names them by id), cached per process; read-only instances."""
    from sixia.core import rowcache
    from sixia.org.models import Unit

    rowcache.register("active_units", Unit)
    return rowcache.get("active_units", lambda: {u.pk: u for u in Unit.objects.filter(is_active=True)})


# -- the case file ------------------------------------------------------------------------------------------
def create_case_with_suggestions(*, actor, data: dict):
    """Register a case (``cases.services.create_case``) with the classifier's suggestions.

    An empty category is pre-filled with the top suggestion only when its probability reaches
    :func:`auto_threshold`; units are never assigned here. The suggestions are recorded on the case file.
    Returns ``(case, suggestions)``.
    """
    from sixia.cases import services

    suggestions = suggest(title=data.get("title") or "", content=data.get("content") or "",
                          region_code=data.get("region_code") or "")
    prefilled = not data.get("category") and suggestions.auto_dispatch
    if prefilled:
        data = {**data, "category": suggestions.top_category}
    case = services.create_case(actor=actor, **data, extra_events=lambda case: suggestion_events(
        case=case, actor=actor, suggestions=suggestions, prefilled=prefilled))
    return case, suggestions


def suggestion_events(*, case, actor, suggestions: Suggestions, prefilled: bool) -> list:
    """The unsaved event recording what was suggested at intake (and whether the category was pre-filled)."""
    from sixia.cases.services.intake import event_row

    if not suggestions.category and not suggestions.unit:
        return []
    return [event_row(case=case, actor=actor, action=SUGGEST_ACTION, from_state=case.state, to_state=case.state,
                      at=timezone.now(), data={"suggested": suggestions.as_dict(),
                                               "chosen": {"category": case.category.code if case.category else ""},
                                               "accepted": None, "auto": prefilled})]


def record_suggestion(*, case, actor, suggestions: Suggestions, prefilled: bool) -> None:
    """Record what was suggested at intake (and whether the category was pre-filled) on the case file."""
    from sixia.cases.models import CaseEvent

    CaseEvent.objects.bulk_create(suggestion_events(case=case, actor=actor, suggestions=suggestions,
                                                    prefilled=prefilled))


def record_choice(*, actor, case, category: str = "", unit_id: int | None = None, reason: str = ""):
    """A person accepts or overrides the suggestion: sets the category (if given) and records the choice.

    ``accepted`` is true when each chosen value equals the top suggestion recorded at intake (or, when nothing
    was recorded, the model's current top suggestion). The unit is recorded, never assigned (assignment is the
    workflow's ``assign`` action). Returns the updated case.
    """
    from sixia.cases.models import Case, CaseEvent, Category
    from sixia.cases.services.intake import record_event
    from sixia.cases.workflow import TERMINAL
    from sixia.core import audit, permissions
    from sixia.core.errors import Conflict, InvalidInput, NotFound
    from sixia.insight import permissions as rights
    from sixia.org.models import Unit

    permissions.require(actor, rights.CONFIRM)
    if case.state in TERMINAL:
        raise Conflict("case_closed", "该诉求已办结，不能再改分类", "the case is closed; its category is final")
    if not category and unit_id is None:
        raise InvalidInput("choice_required", "请选择问题分类或承办单位", "choose a category or a unit")
    with transaction.atomic():
        locked = Case.objects.select_for_update(of=("self",)).select_related("category").filter(pk=case.pk).first()
        if locked is None:
            raise NotFound("not_found", "诉求不存在", "case not found")
        if locked.version != case.version:
            raise Conflict("stale_case", "该诉求已被他人处理，请刷新后重试", "the case changed meanwhile; reload and retry")
        cat = None
        if category:
            cat = Category.objects.filter(code=category, is_active=True).first()
            if cat is None:
                raise InvalidInput("unknown_category", f"问题分类不存在：{category}", f"unknown category: {category}",
                                   field="category")
        unit = None
        if unit_id is not None:
            unit = Unit.objects.filter(pk=unit_id, is_active=True).first()
            if unit is None:
                raise InvalidInput("unknown_unit", "承办单位不存在", "unknown responsible unit", field="unit_id")
        earlier = (CaseEvent.objects.filter(case=locked, action=SUGGEST_ACTION, data__has_key="suggested")
                   .order_by("-at", "-id").first())
        suggested = earlier.data["suggested"] if earlier else suggest(
            title=locked.title, content=locked.content, region_code=locked.region_id).as_dict()
        top_cat = suggested["category"][0]["code"] if suggested.get("category") else ""
        top_unit = suggested["unit"][0].get("id") if suggested.get("unit") else None
        checks = ([cat.code == top_cat] if cat is not None else []) + ([unit.pk == top_unit] if unit else [])
        accepted = bool(checks) and all(checks)
        before = locked.category.code if locked.category is not None else ""
        if cat is not None and cat.pk != locked.category_id:
            locked.category = cat
            locked.version += 1
            locked.save(update_fields=["category", "version", "updated_at"])
        chosen = {"category": cat.code if cat else before, "unit_id": unit.pk if unit else None,
                  "unit": unit.name if unit else ""}
        record_event(case=locked, actor=actor, action=SUGGEST_ACTION, from_state=locked.state, to_state=locked.state,
                     at=timezone.now(), reason=reason,
                     data={"suggested": suggested, "chosen": chosen, "accepted": accepted, "confirmed": True,
                           "previous_category": before})
        audit.record(audit.Action.UPDATE, obj=locked, actor=actor,
                     summary=f"{'采纳' if accepted else '改选'}智能分类 {locked.tracking_no}",
                     changes={"category": [before, chosen["category"]], "unit_id": chosen["unit_id"],
                              "accepted": accepted})
    return locked


# -- training -----------------------------------------------------------------------------------------------
def training_rows_from_db() -> tuple[list[Document], list[str], list[Document], list[str], dict[str, dict]]:
    """Cases whose category / unit were set or confirmed by people.

    Excluded: categories that the classifier pre-filled at intake and nobody confirmed since. Units: the case's
    responsible unit (set by the ``assign`` action) or, when a person chose one on the suggestion, that unit.
    """
    from sixia.cases.models import Case, CaseEvent

    auto_only: set[int] = set()
    chosen_unit: dict[int, int] = {}
    for case_id, data in (CaseEvent.objects.filter(action=SUGGEST_ACTION).order_by("case_id", "at", "id")
                          .values_list("case_id", "data")):
        if data.get("confirmed"):
            auto_only.discard(case_id)
            if (data.get("chosen") or {}).get("unit_id"):
                chosen_unit[case_id] = int(data["chosen"]["unit_id"])
        elif data.get("auto"):
            auto_only.add(case_id)
    cat_docs: list[Document] = []
    cat_labels: list[str] = []
    unit_docs: list[Document] = []
    unit_labels: list[str] = []
    names: dict[str, dict] = {"category": {}, "unit": {}}
    rows = (Case.objects.select_related("category", "responsible_unit")
            .only("id", "title", "content", "category__code", "category__name", "responsible_unit__name"))
    for case in rows.iterator(chunk_size=2000):
        doc = Document(title=case.title, body=case.content)
        if case.category is not None and case.pk not in auto_only:
            cat_docs.append(doc)
            cat_labels.append(case.category.code)
            names["category"][case.category.code] = case.category.name
        unit_id = chosen_unit.get(case.pk) or case.responsible_unit_id
        if unit_id:
            unit_docs.append(doc)
            unit_labels.append(str(unit_id))
            if case.responsible_unit is not None and case.responsible_unit_id == unit_id:
                names["unit"][str(unit_id)] = case.responsible_unit.name
    return cat_docs, cat_labels, unit_docs, unit_labels, names


def train_from_db(*, params: Params | None = None) -> Model | None:
    cat_docs, cat_labels, unit_docs, unit_labels, names = training_rows_from_db()
    heads: dict[str, tuple[Sequence[Document], Sequence[str]]] = {}
    if len(set(cat_labels)) >= 2:
        heads["category"] = (cat_docs, cat_labels)
    if len(set(unit_labels)) >= 2:
        heads["unit"] = (unit_docs, unit_labels)
    if not heads:
        return None
    return train(heads, params=params, names=names, source="db")


def read_labelled_csv(path: str | Path, *, label_column: str = "label") -> tuple[list[Document], list[str]]:
    """A CSV with ``label`` and either ``text`` (pre-segmented or raw) or ``title`` + ``body``/``content``."""
    import csv

    with open(path, encoding="utf-8-sig", newline="") as fh:
        rows = [r for r in csv.DictReader(fh) if (r.get(label_column) or "").strip()]
    if not rows:
        return [], []
    if "text" in rows[0]:
        segmented = looks_segmented(r["text"] for r in rows)
        docs = [Document(body=r["text"] or "", segmented=segmented) for r in rows]
    else:
        body_col = "body" if "body" in rows[0] else "content"
        docs = [Document(title=r.get("title") or "", body=r.get(body_col) or "") for r in rows]
    return docs, [r[label_column].strip() for r in rows]
