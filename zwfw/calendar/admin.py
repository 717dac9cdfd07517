"""Django admin for calendar data. Every edit goes through the services (validation + audit)."""

from __future__ import annotations

from django.contrib import admin
from django.db import transaction

from zwfw.core.errors import DomainError, ValidationFailed

from . import services
from .hours import OfficeSchedule
from .models import CalendarDay, CalendarYear, OfficeHours, TimeLimitClock, WarningPolicy, WorkCalendar


class NoDeleteAdmin(admin.ModelAdmin):
    """Rows that only the services change (with an audit event, a calendar version bump and a
    recompute of the stored clocks): the admin's bulk or single delete would bypass all three."""

    def has_delete_permission(self, request, obj=None):
        return False


class ServiceAdmin(NoDeleteAdmin):
    """Validates in the form through `validate(cleaned_data)` (a DomainError becomes form errors),
    then saves by calling a service, which validates again and writes the audit event."""

    def validate(self, data: dict) -> None:
        """Raise DomainError for bad input; overridden per model."""

    def get_form(self, request, obj=None, change=False, **kwargs):
        base = super().get_form(request, obj, change=change, **kwargs)
        model_admin = self

        class Form(base):
            def clean(self):
                data = super().clean()
                if not self.errors:
                    try:
                        model_admin.validate(data)
                    except DomainError as exc:
                        for field, msgs in (exc.field_errors or {"__all__": [exc.message]}).items():
                            for msg in msgs:
                                self.add_error(field if field in self.fields else None, msg)
                return data

        return Form


@admin.register(WorkCalendar)
class WorkCalendarAdmin(NoDeleteAdmin):
    list_display = ["name", "region", "updated_at"]
    readonly_fields = ["version", "updated_at"]

    def has_add_permission(self, request):
        return False  # created by the services when a region first records a day

    def has_change_permission(self, request, obj=None):
        return False  # a calendar's days change through CalendarDay (audited); the row itself does not


@admin.register(CalendarDay)
class CalendarDayAdmin(ServiceAdmin):
    list_display = ["date", "name", "kind", "calendar", "source"]
    list_filter = ["kind", "calendar"]
    date_hierarchy = "date"
    search_fields = ["name"]
    fields = ["calendar", "date", "kind", "name"]

    def validate(self, data):
        services.calendar_day_validate(
            date=data["date"], kind=data["kind"], name=data["name"], region=data["calendar"].region
        )

    def has_delete_permission(self, request, obj=None):
        return admin.ModelAdmin.has_delete_permission(self, request, obj)  # deletes go through the service

    @transaction.atomic
    def save_model(self, request, obj, form, change):
        # Moving a day (to another date or another calendar) is a delete and a set, all or nothing.
        if change and {"date", "calendar"} & set(form.changed_data):
            old = CalendarDay.objects.get(pk=obj.pk)
            services.calendar_day_delete(actor=request.user, day=old)
        saved = services.calendar_day_set(
            actor=request.user, date=obj.date, kind=obj.kind, name=obj.name,
            region=obj.calendar.region, source="管理后台",
        )
        obj.pk = saved.pk

    def delete_model(self, request, obj):
        services.calendar_day_delete(actor=request.user, day=obj)

    @transaction.atomic
    def delete_queryset(self, request, queryset):
        for day in queryset:
            self.delete_model(request, day)


@admin.register(CalendarYear)
class CalendarYearAdmin(NoDeleteAdmin):
    list_display = ["year", "calendar", "source", "imported_at"]
    readonly_fields = ["calendar", "year", "source", "papers", "imported_at", "imported_by"]

    def has_add_permission(self, request):
        return False  # years come in through `zwfw calendar import` or the API


@admin.register(OfficeHours)
class OfficeHoursAdmin(ServiceAdmin):
    list_display = ["service_center", "__str__"]

    def validate(self, data):
        try:
            OfficeSchedule.parse(data["sessions"])
        except (TypeError, ValueError):
            raise ValidationFailed.on("sessions", "办公时段应为按时间先后排列、互不重叠的时段，如 [[\"09:00\",\"12:00\"]]") from None

    def save_model(self, request, obj, form, change):
        saved = services.office_hours_set(
            actor=request.user, service_center=obj.service_center, sessions=obj.sessions
        )
        obj.pk = saved.pk


@admin.register(WarningPolicy)
class WarningPolicyAdmin(ServiceAdmin):
    list_display = ["__str__", "yellow_days", "yellow_percent"]

    def validate(self, data):
        if data["yellow_percent"] > 100:
            raise ValidationFailed.on("yellow_percent", "剩余比例应在 0–100 之间")

    def save_model(self, request, obj, form, change):
        saved = services.warning_policy_set(
            actor=request.user, region=obj.region,
            yellow_days=obj.yellow_days, yellow_percent=obj.yellow_percent,
        )
        obj.pk = saved.pk


@admin.register(TimeLimitClock)
class TimeLimitClockAdmin(NoDeleteAdmin):
    list_display = ["owner_type", "owner_id", "purpose", "status", "due_at", "warn_at"]
    list_filter = ["status", "unit"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False
