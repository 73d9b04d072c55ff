"""Working-day calendar of the app: the engine's WorkCalendar (chinese-calendar data + overrides).

Re-exported from ``sixia.engines.deadlines``; ``cases.deadlines.load_calendar`` fills the overrides from the
HolidayOverride rows. A year without data falls back to weekends-only with a visible warning.
"""

from __future__ import annotations

from sixia.engines.deadlines import WorkCalendar, no_data_warning

__all__ = ["WorkCalendar", "no_data_warning"]
