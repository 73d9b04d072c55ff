"""What insight does right after cases are registered (``cases.services.intake.after_register``)."""

from __future__ import annotations

from datetime import datetime


def after_register(cases: list, *, actor, now: datetime) -> None:
    """越级: flag the petitions filed with a body above the competent level (hotline cases never: 12345 is a
    city-level service by design). One settings read for the whole batch, so a ledger import pays per case
    only the flagged ones' event."""
    from sixia.insight.repeats import flag_over_level

    flag_over_level([c for c in cases if c.track != "hotline" and c.first_receiver_id is not None],
                    actor=actor, now=now)
