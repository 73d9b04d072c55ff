from django.urls import path
from django.views.generic import RedirectView

from sixia.insight import views

app_name = "insight"

urlpatterns = [
    path("", RedirectView.as_view(pattern_name="insight:hotspots"), name="index"),
    path("hotspots/", views.hotspots_page, name="hotspots"),
    path("weights/", views.risk_weights, name="risk_weights"),
]
