from django.urls import path

from sixia.org import views

app_name = "org"

urlpatterns = [
    path("", views.home, name="home"),
    path("units/new/", views.unit_new, name="unit_new"),
    path("units/<int:unit_id>/edit/", views.unit_edit, name="unit_edit"),
    path("officials/", views.officials, name="officials"),
    path("officials/new/", views.official_new, name="official_new"),
    path("officials/<int:official_id>/edit/", views.official_edit, name="official_edit"),
    path("users/", views.users, name="users"),
    path("users/new/", views.user_new, name="user_new"),
    path("users/<int:user_id>/edit/", views.user_edit, name="user_edit"),
    path("users/<int:user_id>/deactivate/", views.user_deactivate, name="user_deactivate"),
    path("users/<int:user_id>/password/", views.user_password, name="user_password"),
    path("linkages/", views.linkages, name="linkages"),
    path("import/", views.import_page, name="import"),
    path("import/template.xlsx", views.import_template, name="import_template"),
    path("export.xlsx", views.export, name="export"),
]
