import os
import threading

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "sixia.settings")
application = get_wsgi_application()

# Import the URLs (every app's views, API routers and schemas: seconds) and load the classifier (memory-mapped)
# and the segmenter's dictionary (rjieba, ~33 MiB) while the process boots, so that no request waits for them.
#
# SIXIA_WARM=sync (set by sixia.gunicorn_conf, which preloads): everything now, in the gunicorn master before it
# forks — the workers share those pages. The default, for a server that imports this module in each worker
# (plain `gunicorn sixia.wsgi`, as ../shared/peer-bench runs it): the URLs now, the model and the segmenter in a
# background thread — the worker answers pages at once and the first suggestion waits only for what is left
# of the load (the segmenter's own lock serialises it). SIXIA_WARM=false: nothing (tests, one-off commands).
WARM = os.environ.get("SIXIA_WARM", "background").lower()
if WARM not in ("0", "false", "no", "off"):
    from django.urls import get_resolver

    from sixia.insight.classify import warm

    get_resolver().url_patterns  # noqa: B018 (the import is the point)
    if WARM == "sync":
        warm()
    else:
        threading.Thread(target=warm, name="sixia-warm", daemon=True).start()
