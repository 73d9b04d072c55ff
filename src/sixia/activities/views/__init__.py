"""Officials' pages of the grassroots activities, split as the services are: ``activities`` (list, record any
kind, the activity page, 带案下访, attachments, ledgers), ``visits`` (recording by kind, the return visit),
``appointments`` (约访 and the public page), ``reception`` (the calendar), ``research`` and ``schedules``."""
