from django.urls import path

from sixia.insight import views

app_name = "insight"

urlpatterns = [
    path("hotspots/", views.hotspots_page, name="hotspots"),
]
