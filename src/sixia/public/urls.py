from django.urls import path

from sixia.public import views

app_name = "public"

urlpatterns = [
    path("", views.home, name="home"),
    path("submit/", views.submit, name="submit"),
    path("submitted/", views.submitted, name="submitted"),
    path("track/", views.track, name="track"),
    path("cases/<str:code>/", views.case, name="case"),
]
