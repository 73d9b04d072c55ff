"""Deadline engine (时限引擎): working-day calendar, policies as data, step clocks and warning levels. Pure Python."""

from sixia.engines.deadlines.calendar import WorkCalendar, estimate_warning, no_data_warning, shipped
from sixia.engines.deadlines.clock import (
    DAY_KINDS,
    KINDS,
    LEVELS,
    MAX_DAYS,
    DeadlineError,
    StepClock,
    WarningLevels,
    add,
    check_days,
    check_extension,
    check_kind,
    due_day,
    end_of_day,
    level_of,
    paused,
    resumed_due,
    shift,
    warning_at,
    with_thresholds,
)
from sixia.engines.deadlines.policy import STEPS, Policy, PolicyLike, defaults, matches, select
from sixia.engines.deadlines.statutory import (
    STATUTORY_HOLIDAYS,
    STATUTORY_SOURCE,
    StatutoryHoliday,
    statutory_days,
)

__all__ = [
    "DAY_KINDS", "KINDS", "LEVELS", "MAX_DAYS", "STATUTORY_HOLIDAYS", "STATUTORY_SOURCE", "STEPS", "DeadlineError",
    "Policy", "PolicyLike", "StatutoryHoliday", "StepClock", "WarningLevels", "WorkCalendar", "add", "check_days",
    "check_extension", "check_kind", "defaults", "due_day", "end_of_day", "estimate_warning", "level_of", "matches",
    "no_data_warning", "paused", "resumed_due", "select", "shift", "shipped", "statutory_days", "warning_at",
    "with_thresholds",
]
