from django.contrib import admin
from django.urls import include, path

from sixia.api.urls import api

urlpatterns = [
    path("api/v1/", api.urls),
    path("i18n/", include("django.conf.urls.i18n")),
    path("captcha/", include("sixia.web.captcha_urls")),  # the public booking form's captcha images, drawn locally
    path("django-admin/", admin.site.urls),
    path("cases/", include("sixia.cases.urls")),
    path("activities/", include("sixia.activities.urls")),
    path("quotas/", include("sixia.quotas.urls")),
    path("insight/", include("sixia.insight.urls")),
    path("reports/", include("sixia.reports.urls")),
    path("documents/", include("sixia.documents.urls")),
    path("org/", include("sixia.org.urls")),
    path("open311/v2/", include("sixia.open311.urls")),
    path("topics/", include("sixia.topics.urls")),
    path("public/topics/", include("sixia.topics.public_urls")),  # 点题整治 on the portal (no login)
    path("public/", include("sixia.public.urls")),
    path("", include("sixia.web.urls")),
]
