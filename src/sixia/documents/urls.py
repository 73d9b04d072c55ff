from django.urls import path

from sixia.documents import views

app_name = "documents"

urlpatterns = [
    path("templates/", views.templates_page, name="templates"),
    path("templates/<int:template_id>/delete/", views.template_delete, name="template_delete"),
    path("templates/default/<str:kind>.docx", views.default_template, name="default_template"),
    path("cases/<int:case_id>/<str:kind>.docx", views.case_document, name="case_document"),
]
