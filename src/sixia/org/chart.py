"""The organisation chart as a spreadsheet (组织机构导入导出): a template, an all-or-nothing import, an export.

One row per official with the unit it belongs to (单位名称、单位类型、所在区划代码、上级单位), or a row with the
unit columns alone for a unit without officials. A unit is known by its region and name: a row naming an
existing unit reuses it, an official already in that unit under the same name is updated, anything else is
created. The export writes the same columns, so an exported chart imports back unchanged.

The import reads the sheet with the ledger import's reader (``core.sheet_reader``: header row found
automatically, header spellings as data), checks EVERY row in memory first — each error names its Excel row,
its column and what is wrong, in Chinese and English — and only when no row is wrong writes everything in one
transaction through the ordinary services (``create_unit``, ``create_official``, ``update_official``), so the
rules and the audit trail are the same as for one unit or one official entered by hand.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import asdict, dataclass, field
from datetime import datetime
from typing import IO, Any

from django.db import transaction
from django.utils import timezone, translation

from sixia.core import audit, jurisdiction, sheet_reader
from sixia.core.errors import DomainError, InvalidInput
from sixia.core.identity import normalize_phone
from sixia.core.sheet_reader import ImportField, column_label, text
from sixia.core.xlsx import Column, Sheet, new_workbook
from sixia.geo.models import Region
from sixia.org import permissions, services
from sixia.org.models import Official, OfficialStatus, Rank, Unit, User

FIELDS: list[ImportField] = [
    ImportField("unit", "单位名称", True, ("单位名称", "单位", "所在单位", "部门")),
    ImportField("kind", "单位类型", True, ("单位类型", "类型", "单位性质"), "党委机关、政府、职能部门、信访部门、督查/纪检、乡镇（街道）、村（社区）、企事业单位"),
    ImportField("region", "所在区划代码", True, ("所在区划代码", "区划代码", "行政区划代码", "所在区划"),
                "9 位乡镇或 12 位村级代码等，须在您的管辖范围内"),
    ImportField("parent", "上级单位", False, ("上级单位", "上级单位名称", "主管单位"), "本表或系统中已有的单位名称"),
    ImportField("name", "姓名", False, ("姓名", "干部姓名"), "留空则此行只登记单位"),
    ImportField("rank", "职级", False, ("职级", "级别"), "省级、市级、县处级、乡科级、一般干部"),
    ImportField("position", "职务", False, ("职务", "职位")),
    ImportField("is_principal", "主要领导", False, ("主要领导", "是否主要领导"), "是 / 否"),
    ImportField("status", "状态", False, ("状态", "在职状态"), "在职（默认）/ 退休"),
    ImportField("phone", "电话", False, ("电话", "联系电话", "手机", "手机号码")),
]
FIELD_BY_KEY = {f.key: f for f in FIELDS}
COLUMNS = [Column("unit", "单位名称*", 24), Column("kind", "单位类型*", 14), Column("region", "所在区划代码*", 16),
           Column("parent", "上级单位", 22), Column("name", "姓名", 12), Column("rank", "职级", 10),
           Column("position", "职务", 16), Column("is_principal", "主要领导", 10, "center"),
           Column("status", "状态", 10, "center"), Column("phone", "电话", 16)]
EN = {"unit": "unit name", "kind": "unit kind", "region": "region code", "parent": "parent unit", "name": "name",
      "rank": "rank", "position": "position", "is_principal": "principal leader", "status": "status",
      "phone": "phone"}
YES, NO = {"是", "y", "yes", "true", "1", "√", "✓"}, {"否", "n", "no", "false", "0", ""}
STATUS_WORDS = {"在职": OfficialStatus.ACTIVE, "active": OfficialStatus.ACTIVE, "": OfficialStatus.ACTIVE,
                "退休": OfficialStatus.RETIRED, "离任": OfficialStatus.RETIRED, "退休/离任": OfficialStatus.RETIRED,
                "retired": OfficialStatus.RETIRED}


def _choices(choices: Iterable[tuple[str, Any]]) -> dict[str, str]:
    """Code, Chinese label and English label → code (a sheet exported from the English UI reads back too)."""
    out: dict[str, str] = {}
    for code, label in choices:
        out[code] = code
        for lang in ("zh-hans", "en"):
            with translation.override(lang):
                out[str(label)] = code
    return out


def _kinds() -> dict[str, str]:
    return _choices(Unit.Kind.choices) | {"乡镇": Unit.Kind.TOWNSHIP, "街道": Unit.Kind.TOWNSHIP,
                                          "村": Unit.Kind.VILLAGE, "社区": Unit.Kind.VILLAGE}


@dataclass(frozen=True)
class RowError:
    row: int
    column: str
    message: str  # Chinese
    message_en: str

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass
class UnitRow:
    row: int
    name: str
    kind: str
    region: str
    parent_name: str
    existing: Unit | None = None


@dataclass
class OfficialRow:
    row: int
    unit_key: tuple[str, str]
    name: str
    rank: str
    position: str
    is_principal: bool
    status: str
    phone: str


@dataclass
class ChartResult:
    rows: int
    units_created: int = 0
    officials_created: int = 0
    officials_updated: int = 0
    errors: list[RowError] = field(default_factory=list)


class _Checker:
    """Checks every row against the jurisdiction and the units already there; collects every error."""

    def __init__(self, actor: User | None, headers: list[str], mapping: dict[str, int]):
        self.actor, self.headers, self.mapping = actor, headers, mapping
        self.errors: list[RowError] = []
        self.units: dict[tuple[str, str], UnitRow] = {}
        self.officials: dict[tuple[tuple[str, str], str], OfficialRow] = {}
        existing = Unit.objects.all() if actor is None else jurisdiction.scope(Unit.objects.all(), actor)
        self.existing = {(u.region_id, u.name): u for u in existing}
        unit_keys = {u.pk: key for key, u in self.existing.items()}
        # an exported sheet carries masked phones: a mask equal to the official's own keeps the number
        self.masks = {(unit_keys[unit_id], name): mask for unit_id, name, mask in Official.objects.filter(
            unit_id__in=list(unit_keys)).exclude(phone_masked="").values_list("unit_id", "name", "phone_masked")}
        self.kinds, self.ranks = _kinds(), _choices(Rank.choices)

    def err(self, row: int, key: str, zh: str, en: str) -> None:
        col = column_label(self.mapping[key], self.headers) if key in self.mapping else FIELD_BY_KEY[key].label
        self.errors.append(RowError(row, col, zh, en))

    def rows(self, sheet: sheet_reader.SheetData) -> None:
        cells_by_row = [(n, {k: (cells[i] if i < len(cells) else None) for k, i in self.mapping.items()})
                        for n, cells in sheet.rows]
        codes = {text(v.get("region")) for _n, v in cells_by_row}
        self.regions = set(Region.objects.filter(code__in=codes).values_list("code", flat=True))
        for number, values in cells_by_row:
            self.row(number, values)
        self.parents()

    def row(self, n: int, v: dict[str, Any]) -> None:
        before = len(self.errors)
        unit_name, raw_kind, region = text(v.get("unit")), text(v.get("kind")), text(v.get("region"))
        if not unit_name:
            self.err(n, "unit", "单位名称不能为空", "the unit name is empty")
        elif len(unit_name) > 100:
            self.err(n, "unit", "单位名称超过100字", "the unit name is longer than 100 characters")
        kind = self.kinds.get(raw_kind, "")
        if not raw_kind:
            self.err(n, "kind", "单位类型不能为空", "the unit kind is empty")
        elif not kind:
            self.err(n, "kind", f"单位类型无效：{raw_kind}（可填：{FIELD_BY_KEY['kind'].help}）",
                     f"unknown unit kind: {raw_kind}")
        if not region:
            self.err(n, "region", "所在区划代码不能为空", "the region code is empty")
        elif region not in self.regions:
            self.err(n, "region", f"行政区划代码 {region} 不存在", f"unknown region code {region}")
        elif self.actor is not None and not jurisdiction.covers(self.actor, region):
            self.err(n, "region", f"区划 {region} 不在您的管辖范围内", f"region {region} is outside your jurisdiction")
        parent = text(v.get("parent"))
        if len(self.errors) == before:
            key = (region, unit_name)
            seen = self.units.get(key)
            if seen is None:
                self.units[key] = UnitRow(n, unit_name, kind, region, parent, self.existing.get(key))
            elif seen.kind != kind or (parent and seen.parent_name and parent != seen.parent_name):
                self.err(n, "kind" if seen.kind != kind else "parent",
                         f"单位“{unit_name}”在第 {seen.row} 行的类型或上级单位与本行不同",
                         f"unit {unit_name} has another kind or parent on row {seen.row}")
            elif parent and not seen.parent_name:
                seen.parent_name = parent
        name = text(v.get("name"))
        if not name:
            for detail in ("rank", "position", "phone"):
                if text(v.get(detail)):
                    self.err(n, "name", "填写了干部信息，但姓名为空", "official details are given without a name")
                    break
            return
        self.official(n, v, name, (region, unit_name), unit_ok=len(self.errors) == before)

    def official(self, n: int, v: dict[str, Any], name: str, unit_key: tuple[str, str], *, unit_ok: bool) -> None:
        ok = True

        def bad(key: str, zh: str, en: str) -> None:
            nonlocal ok
            ok = False
            self.err(n, key, zh, en)

        if len(name) > 40:
            bad("name", "姓名超过40字", "the name is longer than 40 characters")
        raw_rank = text(v.get("rank"))
        rank = self.ranks.get(raw_rank, "")
        if not raw_rank:
            bad("rank", "职级不能为空", "the rank is empty")
        elif not rank:
            bad("rank", f"职级无效：{raw_rank}（可填：{FIELD_BY_KEY['rank'].help}）", f"unknown rank: {raw_rank}")
        position = text(v.get("position"))
        if len(position) > 60:
            bad("position", "职务超过60字", "the position is longer than 60 characters")
        raw_principal = text(v.get("is_principal")).lower()
        if raw_principal not in YES | NO:
            bad("is_principal", f"主要领导应填“是”或“否”：{raw_principal}", "principal leader must be yes or no")
        raw_status = text(v.get("status")).lower()
        status = STATUS_WORDS.get(raw_status)
        if status is None:
            bad("status", f"状态无效：{raw_status}（可填：在职、退休）", f"unknown status: {raw_status} (active or retired)")
        phone = text(v.get("phone"))
        if phone and "*" in phone and self.masks.get((unit_key, name)) == phone:
            phone = ""  # unchanged since the export
        if phone:
            if "*" in phone:
                bad("phone", f"电话已脱敏（{phone}），无法导入：请填写完整号码或留空",
                    "the phone number is masked: give it in full or leave it empty")
            else:
                try:
                    phone = normalize_phone(phone)
                except DomainError as exc:
                    bad("phone", exc.message_zh, exc.message_en)
        key = (unit_key, name)
        if key in self.officials:
            bad("name", f"“{unit_key[1]}”的“{name}”已在第 {self.officials[key].row} 行出现",
                f"{name} of {unit_key[1]} already appears on row {self.officials[key].row}")
        if ok and unit_ok:
            self.officials[key] = OfficialRow(n, unit_key, name, rank, position, raw_principal in YES,
                                              status or OfficialStatus.ACTIVE, phone)

    def parents(self) -> None:
        """Resolve each new unit's parent by name: a unit of the file or already there whose region is the unit's
        region or above it; the nearest one wins, two equally near ones are ambiguous."""
        by_name: dict[str, list[tuple[str, Any]]] = {}
        for (region, name), u in self.units.items():
            by_name.setdefault(name, []).append((region, u))
        for (region, name), e in self.existing.items():
            if (region, name) not in self.units:
                by_name.setdefault(name, []).append((region, e))
        self.parent_of: dict[tuple[str, str], Any] = {}
        for key, u in self.units.items():
            if not u.parent_name or u.existing is not None:
                continue
            candidates = [(r, p) for r, p in by_name.get(u.parent_name, []) if u.region.startswith(r)
                          and (r, u.parent_name) != key]
            if not candidates:
                self.err(u.row, "parent", f"上级单位“{u.parent_name}”不存在（应为本表或系统中、在本单位区划或其上级区划的单位）",
                         f"parent unit {u.parent_name} not found in this sheet or in your units above this region")
                continue
            nearest = max(len(r) for r, _p in candidates)
            best = [p for r, p in candidates if len(r) == nearest]
            if len(best) > 1:
                self.err(u.row, "parent", f"上级单位“{u.parent_name}”不唯一", f"parent unit {u.parent_name} is ambiguous")
                continue
            self.parent_of[key] = best[0]
        # a cycle among new units (A's parent is B, B's parent is A) has no order to create them in
        for key in list(self.parent_of):
            seen, node = {key}, self.parent_of.get(key)
            while isinstance(node, UnitRow):
                nk = (node.region, node.name)
                if nk in seen:
                    self.err(self.units[key].row, "parent", "上级单位形成循环", "the parent units form a cycle")
                    break
                seen.add(nk)
                node = self.parent_of.get(nk)


MAX_BYTES = 20 * 1024 * 1024


def check_file(file: Any) -> None:
    if (getattr(file, "size", 0) or 0) > MAX_BYTES:
        raise InvalidInput("file_too_large", f"文件不能超过 {MAX_BYTES // (1024 * 1024)} MB", "file too large",
                           field="file")
    if not (getattr(file, "name", "") or "").lower().endswith(".xlsx"):
        raise InvalidInput("invalid_xlsx", "请上传 .xlsx 格式的 Excel 文件（旧版 .xls 请先另存为 .xlsx）",
                           "please upload an .xlsx file", field="file")


def read_sheet(file: Any) -> tuple[sheet_reader.SheetData, dict[str, int]]:
    sheet = sheet_reader.read(file, fields=FIELDS)
    mapping = sheet_reader.check_mapping(sheet_reader.suggest_mapping(sheet.headers, FIELDS), sheet.headers, FIELDS)
    return sheet, mapping


def import_chart(*, actor: User | None, file: Any) -> ChartResult:
    """Validate every row; write nothing if any is wrong, otherwise everything in one transaction."""
    permissions.require_admin(actor)
    check_file(file)
    sheet, mapping = read_sheet(file)
    if not sheet.rows:
        raise InvalidInput("no_rows", "表格中没有数据行", "the sheet has no data rows", field="file")
    check = _Checker(actor, sheet.headers, mapping)
    check.rows(sheet)
    result = ChartResult(rows=len(sheet.rows), errors=sorted(check.errors, key=lambda e: e.row))
    if not result.errors:
        try:
            _write(actor, check, result)
        except DomainError as exc:  # a rule only the service knows: report it on its row, nothing written
            result = ChartResult(rows=len(sheet.rows), errors=[RowError(getattr(exc, "row", 0), exc.field or "",
                                                                        exc.message_zh, exc.message_en)])
    with transaction.atomic():
        audit.record(audit.Action.IMPORT, actor=actor, object_type="org.chart",
                     summary=f"组织机构导入：{result.rows} 行，新增单位 {result.units_created} 个，新增干部 "
                             f"{result.officials_created} 名，更新干部 {result.officials_updated} 名，错误 "
                             f"{len(result.errors)} 处",
                     changes={"rows": result.rows, "units_created": result.units_created,
                              "officials_created": result.officials_created,
                              "officials_updated": result.officials_updated, "errors": len(result.errors)},
                     success=not result.errors)
    return result


@transaction.atomic
def _write(actor: User | None, check: _Checker, result: ChartResult) -> None:
    made: dict[tuple[str, str], Unit] = {}

    def unit_of(key: tuple[str, str]) -> Unit:
        if key in made:
            return made[key]
        u = check.units[key]
        if u.existing is not None:
            made[key] = u.existing
            return u.existing
        parent = check.parent_of.get(key)
        parent_unit = unit_of((parent.region, parent.name)) if isinstance(parent, UnitRow) else parent
        try:
            made[key] = services.create_unit(actor=actor, name=u.name, kind=u.kind, region_code=u.region,
                                             parent=parent_unit)
        except DomainError as exc:
            exc.row = u.row  # type: ignore[attr-defined]
            raise
        result.units_created += 1
        return made[key]

    for key in check.units:
        unit_of(key)
    current = {(o.unit_id, o.name): o for o in
               Official.objects.filter(unit__in=list(made.values())).select_related("unit", "user")}
    for (unit_key, name), row in check.officials.items():
        unit = made[unit_key]
        try:
            found = current.get((unit.pk, name))
            if found is None:
                services.create_official(actor=actor, name=name, unit=unit, rank=row.rank, title=row.position,
                                         is_principal=row.is_principal, status=row.status, phone=row.phone)
                result.officials_created += 1
                continue
            changes = {"rank": row.rank, "position": row.position, "is_principal": row.is_principal,
                       "status": row.status}
            if row.phone:
                changes["phone"] = row.phone
            if any(v != _official_value(found, k) for k, v in changes.items() if k != "phone") or row.phone:
                services.update_official(actor=actor, official=found, changes=changes)
                result.officials_updated += 1
        except DomainError as exc:
            exc.row = row.row  # type: ignore[attr-defined]
            raise


def _official_value(o: Official, key: str) -> Any:
    return {"rank": o.rank, "position": o.title, "is_principal": o.is_principal, "status": str(o.status)}[key]


# ---- the template and the export ----


def _sheet(wb: Any, heading: str, subtitle: str) -> Sheet:
    return Sheet(wb, "组织机构", heading=heading, subtitle=subtitle, columns=COLUMNS)


def _notes(wb: Any) -> None:
    notes = Sheet(wb, "填写说明", heading="填写说明", subtitle="带 * 的列必填；每行一名干部，只登记单位时姓名等列留空",
                  columns=[Column("col", "列", 16), Column("required", "必填", 8, "center"),
                           Column("help", "说明", 70, "wrap")], landscape=False)
    for f in FIELDS:
        notes.row([f.label, "是" if f.required else "", f.help])


def write_template(out: IO[bytes]) -> None:
    wb = new_workbook()
    _sheet(wb, "组织机构导入表", "每行一名干部及其所在单位；单位以“所在区划代码 + 单位名称”识别，已有的单位和干部不会重复新增")
    with translation.override("zh-hans"):
        _notes(wb)
    wb.save(out)


def export_rows(actor: User | None) -> Iterable[list[Any]]:
    units = Unit.objects.select_related("parent") if actor is None else \
        jurisdiction.scope(Unit.objects.select_related("parent"), actor)
    officials: dict[int, list[Official]] = {}
    scoped = Official.objects.all() if actor is None else \
        jurisdiction.scope(Official.objects.all(), actor, field="unit__region__code")
    for o in scoped.order_by("unit_id", "-is_principal", "name"):
        officials.setdefault(o.unit_id, []).append(o)
    for u in units.order_by("region_id", "name"):
        head = [u.name, u.get_kind_display(), u.region_id, u.parent.name if u.parent else ""]
        rows = officials.get(u.pk) or []
        if not rows:
            yield [*head, "", "", "", "", "", ""]
        for o in rows:
            yield [*head, o.name, o.get_rank_display(), o.title, "是" if o.is_principal else "否",
                   "在职" if o.is_active else "退休", o.phone_masked]


def export_chart(*, actor: User | None, out: IO[bytes], now: datetime | None = None) -> int:
    """The chart of the actor's jurisdiction in the import's columns (phones masked: re-importing keeps them)."""
    permissions.require_admin(actor)
    now = timezone.localtime(now or timezone.now())
    wb = new_workbook()
    scope = (actor.jurisdiction.name if actor is not None and actor.jurisdiction else "全部")
    sheet = _sheet(wb, "组织机构表", f"统计范围：{scope}　　制表时间：{now:%Y-%m-%d %H:%M}")
    with translation.override("zh-hans"):  # the sheet is Chinese whatever the page's language
        for row in export_rows(actor):
            sheet.row(row)
        _notes(wb)
    wb.save(out)
    audit.record(audit.Action.EXPORT, actor=actor, object_type="org.chart", summary=f"导出组织机构表：{sheet.count} 行",
                 changes={"rows": sheet.count})
    return sheet.count


def export_filename(now: datetime | None = None) -> str:
    return f"组织机构-{timezone.localtime(now or timezone.now()):%Y%m%d}.xlsx"
