import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "sixia.settings")
application = get_wsgi_application()

# Import the URLs (every app's views, API routers and schemas: seconds) and load the classifier (memory-mapped)
# and the segmenter now, while the process boots — in the gunicorn master when it preloads (sixia.gunicorn_conf),
# so that the workers share them — rather than on some worker's first request.
if os.environ.get("SIXIA_WARM", "true").lower() not in ("0", "false", "no", "off"):
    from django.urls import get_resolver

    from sixia.insight.classify import warm

    get_resolver().url_patterns  # noqa: B018 (the import is the point)
    warm()
