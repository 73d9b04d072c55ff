"""Charts as accessible tables: what ``web/_chart.html`` renders and ``static/web/charts.js`` draws.

A chart is a table first (the contract with every page that shows one): the first column names the categories
(``<th scope="row">``), the header row names the series, the cells hold numbers (``data-value`` overrides a
cell's text, e.g. a rate shown as "85.0%"). Pages build ``Chart`` values; the template and the script do the rest.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.utils.functional import Promise

KINDS = ("line", "bar", "hbar", "pie", "stack", "map")


@dataclass(frozen=True)
class Cell:
    text: str
    value: float | int | None = None  # when the text is not the number (a percentage, a unit)


@dataclass(frozen=True)
class Row:
    label: str
    cells: list[Cell]
    url: str = ""
    x: int | None = None  # a tile map's column and row (else the script lays the tiles out in order)
    y: int | None = None


@dataclass(frozen=True)
class Chart:
    key: str  # data-testid="chart-<key>"
    kind: str
    title: str | Promise
    label: str | Promise  # the header of the category column
    series: list[str | Promise]
    rows: list[Row] = field(default_factory=list)
    note: str | Promise = ""

    def __post_init__(self) -> None:
        if self.kind not in KINDS:
            raise ValueError(f"chart kind {self.kind!r} not in {KINDS}")


def number(n: float | int) -> Cell:
    return Cell(f"{n:g}" if isinstance(n, float) else str(n))


def percent(share: float) -> Cell:
    """A share 0..1 shown as 85.0%, drawn as 85."""
    return Cell(f"{share * 100:.1f}%", round(share * 100, 1))


def simple(key: str, kind: str, title, label, series_name, pairs, urls: dict[str, str] | None = None) -> Chart:
    """One series from (label, number) pairs."""
    urls = urls or {}
    return Chart(key, kind, title, label, [series_name],
                 [Row(str(name), [number(n)], urls.get(str(name), "")) for name, n in pairs])
