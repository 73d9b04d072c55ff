"""Django admin of the organisation, for superusers only (the administrators' own pages are /org/).

Region foreign keys are raw ids (a typed code), never a dropdown of every region. Nothing is deleted here —
users are deactivated, units and officials marked inactive — and every save is audited like a service write.
"""

from __future__ import annotations

from typing import cast

from django.contrib import admin
from django.contrib.auth.admin import GroupAdmin as BaseGroupAdmin
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin
from django.contrib.auth.models import Group
from django.utils.translation import gettext_lazy as _
from django_otp.plugins.otp_totp.models import TOTPDevice

from sixia.core.admin import SuperuserOnly
from sixia.org.models import Linkage, Official, Unit, User


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


# Roles are groups created by migrations; the stock group admin would let any staff user with the model
# permission edit them, so it is superusers' only too.
admin.site.unregister(Group)


@admin.register(Group)
class GroupAdmin(SuperuserOnly, BaseGroupAdmin):
    pass


# django-otp registers its own ModelAdmin for TOTP devices; it becomes a SuperuserOnly one (audited saves, raw
# user id, no deletion). A superuser helps an official who lost the phone by un-confirming the device: the
# next login enrols again.
if admin.site.is_registered(TOTPDevice):
    admin.site.unregister(TOTPDevice)


@admin.register(TOTPDevice)
class TOTPDeviceAdmin(SuperuserOnly):
    list_display = ("user", "name", "confirmed")
    raw_id_fields = ("user",)
    fields = ("user", "name", "confirmed")
    readonly_fields = ("user",)
