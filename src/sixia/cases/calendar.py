"""Working-day calendar of the app: the engine's WorkCalendar (chinese-calendar data + overrides).

Re-exported from ``sixia.engines.deadlines``; ``cases.deadlines.load_calendar`` fills the overrides from the
HolidayOverride rows and the known years from the HolidayYear rows. A year without data counts the statutory
holidays of the law with a visible warning (ADR 0003).
"""

from __future__ import annotations

from sixia.engines.deadlines import WorkCalendar, no_data_warning

__all__ = ["WorkCalendar", "no_data_warning"]
