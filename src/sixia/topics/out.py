"""One shape of a topic for the API and the pages: officials see everything, the portal the public part."""

from __future__ import annotations

from sixia.topics import rules, selectors
from sixia.topics.models import Topic


def topic_summary(t: Topic) -> dict:
    return {"id": t.pk, "year": t.year, "title": t.title, "state": t.state, "state_label": t.get_state_display(),
            "region": t.region.name, "region_code": t.region_id, "lead_unit": t.lead_unit.name,
            "votes": getattr(t, "vote_count", None) if getattr(t, "vote_count", None) is not None else t.votes.count()}


def topic_public(t: Topic) -> dict:
    """What the portal shows: problem, units, measures with their dated progress, timeline, cases count, results
    and the satisfaction rate (by the region's RatingRule)."""
    measures = selectors.measure_rows(t)
    counts, rate = selectors.satisfaction(t) if t.state == Topic.State.DONE else ({}, None)
    return {
        **topic_summary(t),
        "problem": t.problem, "goal": t.goal,
        "co_units": [u.name for u in t.co_units.all()],
        "progress": rules.topic_progress(m["progress"] for m in measures),
        "measures": [{"id": m["id"], "title": m["title"], "unit": m["unit"], "due_date": m["due_date"],
                      "progress": m["progress"], "overdue": m["overdue"]} for m in measures],
        "timeline": [{"day": e["day"], "kind": e["kind"], "label": e["label"], "percent": e["percent"],
                      "text": e["text"], "unit": e["unit"]} for e in selectors.timeline(t)],
        "cases_count": t.case_links.count(),
        "published_at": t.published_at, "completed_at": t.completed_at,
        "result": t.result if t.state == Topic.State.DONE else "",
        "ratings": counts, "satisfaction_rate": rate,
    }


def topic_full(t: Topic) -> dict:
    """The officials' view adds the supervision notes, the linked cases and the merged nominations."""
    data = topic_public(t)
    data["result"] = t.result
    data["supervision"] = [{"id": n.pk, "kind": n.kind, "text": n.text, "measure_id": n.measure_id,
                            "reply_by": n.reply_by, "at": n.at, "by": getattr(n.by, "username", "")}
                           for n in t.supervision.select_related("by")]
    data["cases"] = [{"id": link.case_id, "code": link.case.tracking_no, "title": link.case.title,
                      "state": link.case.state} for link in t.case_links.select_related("case")]
    data["nominations"] = [n.pk for n in t.nominations.all()]
    return data
