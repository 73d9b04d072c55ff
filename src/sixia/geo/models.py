"""Administrative regions (行政区划), five levels, keyed by their statistical code.

Codes nest by prefix — province ``35``, city ``3509``, county ``350921``, township ``350921100``, village
``350921100201`` — so ancestors are prefixes and descendants are ``startswith`` ranges.
"""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class Level(models.IntegerChoices):
    PROVINCE = 1, _("省级")
    CITY = 2, _("市级")
    COUNTY = 3, _("县级")
    TOWNSHIP = 4, _("乡级")
    VILLAGE = 5, _("村级")


LEVEL_NAMES = {1: "province", 2: "city", 3: "county", 4: "township", 5: "village"}
CODE_LENGTHS = {1: 2, 2: 4, 3: 6, 4: 9, 5: 12}


def level_of_code(code: str) -> int:
    for level, length in CODE_LENGTHS.items():
        if len(code) == length:
            return level
    raise ValueError(f"not a region code: {code!r}")


def ancestor_codes(code: str) -> list[str]:
    """Codes of all ancestors, top first (``350921100`` → ``["35", "3509", "350921"]``)."""
    level = level_of_code(code)
    return [code[: CODE_LENGTHS[lvl]] for lvl in range(1, level)]


class Region(models.Model):
    code = models.CharField(_("区划代码"), max_length=12, primary_key=True)
    name = models.CharField(_("名称"), max_length=80)
    level = models.PositiveSmallIntegerField(_("级别"), choices=Level.choices, db_index=True)
    # No FK constraint: a partial load (``--levels village --under …``) must not depend on load order.
    parent = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.DO_NOTHING, db_constraint=False, related_name="children"
    )

    class Meta:
        ordering = ["code"]
        verbose_name = _("行政区划")
        verbose_name_plural = _("行政区划")

    def __str__(self) -> str:
        return self.name

    @property
    def level_name(self) -> str:
        return LEVEL_NAMES[self.level]

    def ancestors(self) -> list[Region]:
        codes = ancestor_codes(self.code)
        found = {r.code: r for r in Region.objects.filter(code__in=codes)}
        return [found[c] for c in codes if c in found]

    def full_name(self) -> str:
        names = [r.name for r in self.ancestors() if r.name not in {"市辖区", "县", "省直辖县级行政区划"}]
        return "".join([*names, self.name])

    def descendants(self) -> models.QuerySet[Region]:
        return Region.objects.filter(code__startswith=self.code).exclude(code=self.code)
