"""Demo hook: index the demo cases for repeats and train a small classifier from the demo cases so that ``make run`` shows suggestions at once.

Runs after the cases demo (ORDER 20); the cases' categories and responsible units were set by the demo's
dispatchers, so they are what ``sixia insight train --from-db`` would learn from too. A few seconds at most.
"""

from __future__ import annotations

from sixia.insight import classify

ORDER = 90


def populate(ctx, **kwargs) -> None:
    from sixia.insight.repeats import index_missing

    index_missing()  # the demo's cases, whose index tasks no consumer may be running to take
    model = classify.train_from_db()
    if model is not None:
        classify.save_model(model)
