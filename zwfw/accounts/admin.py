"""Read-only admin pages: accounts change only through the services (and their audit events)."""

from django.contrib import admin

from .models import (
    AgentAuthorisation,
    ApiToken,
    Applicant,
    EnterpriseAccount,
    LoginThrottle,
    ProxyMandate,
    RoleGrant,
    User,
)


class ReadOnlyAdmin(admin.ModelAdmin):
    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(User)
class UserAdmin(ReadOnlyAdmin):
    list_display = ("username", "full_name", "kind", "department", "region", "is_active", "last_login")
    list_filter = ("kind", "is_active")
    search_fields = ("username", "full_name")
    fields = ("username", "full_name", "kind", "phone", "department", "region", "service_center", "window",
              "service_point", "is_active", "last_login", "date_joined", "password_changed_at")


@admin.register(RoleGrant)
class RoleGrantAdmin(ReadOnlyAdmin):
    list_display = ("user", "role", "granted_at", "granted_by")
    list_filter = ("role",)


@admin.register(Applicant)
class ApplicantAdmin(ReadOnlyAdmin):
    # Sealed values render masked; the digests are not shown.
    list_display = ("name", "kind", "id_number", "credit_code", "phone", "region", "created_at")
    list_filter = ("kind",)
    search_fields = ("name", "credit_code")
    fields = ("kind", "name", "id_number", "credit_code", "legal_representative", "phone", "address", "region",
              "user", "created_at")


@admin.register(LoginThrottle)
class LoginThrottleAdmin(ReadOnlyAdmin):
    list_display = ("username_digest", "failures", "window_started_at", "locked_until")


@admin.register(ApiToken)
class ApiTokenAdmin(ReadOnlyAdmin):
    list_display = ("user", "name", "created_at", "expires_at", "last_used_at", "revoked_at")
    exclude = ("key_digest",)


@admin.register(EnterpriseAccount)
class EnterpriseAccountAdmin(ReadOnlyAdmin):
    list_display = ("applicant", "representative", "opened_at")


@admin.register(AgentAuthorisation)
class AgentAuthorisationAdmin(ReadOnlyAdmin):
    list_display = ("enterprise", "agent", "item", "valid_until", "granted_at", "revoked_at")


@admin.register(ProxyMandate)
class ProxyMandateAdmin(ReadOnlyAdmin):
    list_display = ("applicant", "agent", "service_point", "item", "valid_until", "created_at", "revoked_at")
