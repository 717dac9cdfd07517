"""Read-only admin views of the network. Changes go through the services (API and workbench),
so that each one is validated and audited; the admin neither adds, edits nor deletes."""

from django.contrib import admin

from .models import Department, Kiosk, Region, ServiceCenter, ServicePoint, Window


class ReadOnlyAdmin(admin.ModelAdmin):
    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    def has_view_permission(self, request, obj=None):
        return request.user.is_active and request.user.is_superuser


@admin.register(Region)
class RegionAdmin(ReadOnlyAdmin):
    list_display = ["code", "name", "level", "parent"]
    list_filter = ["level"]
    search_fields = ["code", "name"]
    list_select_related = ["parent"]
    show_full_result_count = False


@admin.register(Department)
class DepartmentAdmin(ReadOnlyAdmin):
    list_display = ["name", "code", "region", "credit_code", "is_active"]
    list_filter = ["is_active"]
    search_fields = ["name", "code", "credit_code"]
    list_select_related = ["region"]


@admin.register(ServiceCenter)
class ServiceCenterAdmin(ReadOnlyAdmin):
    list_display = ["name", "kind", "region", "department", "is_active"]
    list_filter = ["kind", "is_active"]
    search_fields = ["name", "address"]
    list_select_related = ["region", "department"]


@admin.register(Window)
class WindowAdmin(ReadOnlyAdmin):
    list_display = ["number", "name", "kind", "center", "department", "is_active"]
    list_filter = ["kind", "is_active"]
    search_fields = ["number", "name"]
    list_select_related = ["center", "department"]


@admin.register(ServicePoint)
class ServicePointAdmin(ReadOnlyAdmin):
    list_display = ["name", "region", "center", "is_active"]
    search_fields = ["name", "address"]
    list_select_related = ["region", "center"]


@admin.register(Kiosk)
class KioskAdmin(ReadOnlyAdmin):
    list_display = ["serial_number", "name", "region", "location", "is_active"]
    search_fields = ["serial_number", "name"]
    list_select_related = ["region"]
