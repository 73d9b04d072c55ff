"""The Django admin is for superusers only; the rules officials edit have their own pages (规则设置, /rules/).

Every ModelAdmin of the project derives from ``SuperuserOnly``: a staff user who is not a superuser sees no
module and may neither view, add nor change anything; nothing is deleted here (rows are deactivated), and every
save is audited like a service write. Foreign keys to regions, units, officials, users and cases must be
raw ids (a typed id), never a dropdown built from every row — a test walks ``admin.site._registry``.
"""

from __future__ import annotations

from django.contrib import admin

from sixia.core import audit
from sixia.core.models import InputRules


def _superuser(request) -> bool:
    return bool(request.user.is_active and request.user.is_superuser)


class SuperuserOnly(admin.ModelAdmin):
    def has_module_permission(self, request):
        return _superuser(request)

    def has_view_permission(self, request, obj=None):
        return _superuser(request)

    def has_add_permission(self, request):
        return _superuser(request)

    def has_change_permission(self, request, obj=None):
        return _superuser(request)

    def has_delete_permission(self, request, obj=None):
        return False

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        audit.record(audit.Action.UPDATE if change else audit.Action.CREATE, obj=obj, actor=request.user,
                     summary=f"后台{'修改' if change else '新增'} {obj._meta.verbose_name} {obj}",
                     changes={"fields": sorted(form.changed_data), "via": "django-admin"})

    def save_formset(self, request, form, formset, change):
        super().save_formset(request, form, formset, change)
        if formset.has_changed():
            audit.record(audit.Action.UPDATE, obj=form.instance, actor=request.user,
                         summary=f"后台修改 {form.instance._meta.verbose_name} {form.instance} 的明细",
                         changes={"inline": formset.model._meta.label_lower, "via": "django-admin"})


class SuperuserOnlyInline(admin.TabularInline):
    def has_view_permission(self, request, obj=None):
        return _superuser(request)

    def has_add_permission(self, request, obj=None):
        return _superuser(request)

    def has_change_permission(self, request, obj=None):
        return _superuser(request)

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(InputRules)
class InputRulesAdmin(SuperuserOnly):
    list_display = ("earliest_date", "future_grace_minutes")
