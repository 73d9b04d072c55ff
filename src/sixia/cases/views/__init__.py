"""Pages of the case system (一案一档): intake, work queue, unit inbox, the case page with its actions and
attachments. Thin: parse a form, call one service or selector, render."""

from sixia.cases.views.detail import act, attach, detail, download
from sixia.cases.views.intake import intake, person_cases
from sixia.cases.views.queue import inbox, queue

__all__ = ["act", "attach", "detail", "download", "inbox", "intake", "person_cases", "queue"]
