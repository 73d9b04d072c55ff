"""Loading the shipped division files into the Region table, idempotently (upsert by code)."""

from __future__ import annotations

import csv
import io
import lzma
from collections.abc import Callable, Iterator
from importlib import resources

from django.db import transaction

from sixia.geo.models import LEVEL_NAMES, Region

# level → (file, parent-code column)
SOURCES = {
    1: ("provinces.csv.xz", None),
    2: ("cities.csv.xz", "provinceCode"),
    3: ("areas.csv.xz", "cityCode"),
    4: ("streets.csv.xz", "areaCode"),
    5: ("villages.csv.xz", "streetCode"),
}
LEVEL_BY_NAME = {name: level for level, name in LEVEL_NAMES.items()}
BATCH = 5000


def parse_levels(text: str | None) -> list[int]:
    if not text:
        return sorted(SOURCES)
    levels = []
    for part in text.split(","):
        part = part.strip()
        if part not in LEVEL_BY_NAME:
            raise ValueError(f"unknown level {part!r}; choose from {', '.join(LEVEL_BY_NAME)}")
        levels.append(LEVEL_BY_NAME[part])
    return sorted(set(levels))


def iter_rows(level: int, under: str = "") -> Iterator[Region]:
    file_name, parent_col = SOURCES[level]
    data = resources.files("sixia.geo").joinpath("data", file_name).read_bytes()
    with io.TextIOWrapper(lzma.LZMAFile(io.BytesIO(data)), encoding="utf-8") as fh:
        for row in csv.DictReader(fh):
            code = row["code"].strip()
            # --under keeps the subtree and the ancestors of it (so the tree stays connected)
            if under and not (code.startswith(under) or under.startswith(code)):
                continue
            yield Region(
                code=code,
                name=row["name"].strip(),
                level=level,
                parent_id=row[parent_col].strip() if parent_col else None,
            )


def load(levels: list[int], under: str = "", progress: Callable[[int], None] | None = None) -> dict[str, int]:
    """Upsert the chosen levels; returns the count per level now in the table (within ``under``)."""
    for level in levels:
        batch: list[Region] = []
        for region in iter_rows(level, under):
            batch.append(region)
            if len(batch) >= BATCH:
                _flush(batch, progress)
                batch = []
        if batch:
            _flush(batch, progress)
    return counts(levels, under)


def _flush(batch: list[Region], progress: Callable[[int], None] | None) -> None:
    with transaction.atomic():
        Region.objects.bulk_create(
            batch, update_conflicts=True, unique_fields=["code"], update_fields=["name", "level", "parent"]
        )
    if progress:
        progress(len(batch))


def counts(levels: list[int], under: str = "") -> dict[str, int]:
    qs = Region.objects.all()
    if under:
        qs = qs.filter(code__startswith=under)
    return {LEVEL_NAMES[level]: qs.filter(level=level).count() for level in levels}


def expected_rows(levels: list[int]) -> int | None:
    """Row counts of the shipped files (for the progress bar's total)."""
    known = {1: 31, 2: 342, 3: 2978, 4: 41352, 5: 620573}
    return sum(known[level] for level in levels)
