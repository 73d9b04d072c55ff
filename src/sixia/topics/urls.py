from django.urls import path

from sixia.topics.views import official

app_name = "topics"

urlpatterns = [
    path("", official.home, name="home"),
    path("nominations/", official.nominations, name="nominations"),
    path("measures/", official.measures, name="measures"),
    path("<int:topic_id>/", official.detail, name="detail"),
]
