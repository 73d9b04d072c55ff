"""``{% case_documents case %}``: the links to the Word notices a case has in its current state."""

from __future__ import annotations

from django import template

from sixia.documents import services
from sixia.documents.kinds import CASE_KINDS

register = template.Library()


@register.inclusion_tag("documents/_case_links.html")
def case_documents(case):
    return {"case": case, "kinds": [CASE_KINDS[k] for k in services.kinds_of(case)]}
