"""Django admin of the organisation, for superusers only (the administrators' own pages are /org/).

Region foreign keys are raw ids (a typed code), never a dropdown of every region. Nothing is deleted here —
users are deactivated, units and officials marked inactive — and every save is audited like a service write.
"""

from __future__ import annotations

from typing import cast

from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin
from django.utils.translation import gettext_lazy as _

from sixia.core import audit
from sixia.org.models import Linkage, Official, Unit, User


class SuperuserOnly(admin.ModelAdmin):
    def has_module_permission(self, request):
        return request.user.is_active and request.user.is_superuser

    def has_view_permission(self, request, obj=None):
        return self.has_module_permission(request)

    def has_add_permission(self, request):
        return self.has_module_permission(request)

    def has_change_permission(self, request, obj=None):
        return self.has_module_permission(request)

    def has_delete_permission(self, request, obj=None):
        return False

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        audit.record(audit.Action.UPDATE if change else audit.Action.CREATE, obj=obj, actor=request.user,
                     summary=f"后台{'修改' if change else '新增'} {obj._meta.verbose_name} {obj}",
                     changes={"fields": sorted(form.changed_data), "via": "django-admin"})


@admin.register(Unit)
class UnitAdmin(SuperuserOnly):
    list_display = ("name", "kind", "region", "parent", "is_active")
    list_filter = ("kind", "is_active")
    search_fields = ("name", "short_name", "region__code")
    raw_id_fields = ("region", "parent")
    list_select_related = ("region", "parent")


@admin.register(Official)
class OfficialAdmin(SuperuserOnly):
    list_display = ("name", "unit", "rank", "title", "is_principal", "is_active")
    list_filter = ("rank", "is_principal", "is_active")
    search_fields = ("name", "title", "unit__name")
    raw_id_fields = ("unit", "user")
    list_select_related = ("unit",)


@admin.register(Linkage)
class LinkageAdmin(SuperuserOnly):
    list_display = ("official", "kind", "region", "target_name", "starts_on", "ends_on")
    list_filter = ("kind",)
    search_fields = ("official__name", "target_name", "region__code")
    raw_id_fields = ("official", "region")
    list_select_related = ("official", "region")


@admin.register(User)
class UserAdmin(SuperuserOnly, BaseUserAdmin):
    list_display = ("username", "jurisdiction", "unit", "is_active", "is_superuser", "locked_until")
    raw_id_fields = ("jurisdiction", "unit")
    list_select_related = ("jurisdiction", "unit")
    fieldsets = (*cast(tuple, BaseUserAdmin.fieldsets),
                 (_("管辖范围"), {"fields": ("jurisdiction", "unit", "failed_logins", "locked_until")}))
    add_fieldsets = (*cast(tuple, BaseUserAdmin.add_fieldsets),
                     (_("管辖范围"), {"fields": ("jurisdiction", "unit")}))
