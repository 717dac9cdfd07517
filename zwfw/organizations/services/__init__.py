"""Writes of the organisations context. Every function checks the actor, validates, and audits in one transaction."""

from ._common import UNSET, org_admin_required, region_resolve
from .centers import service_center_create, service_center_update
from .departments import department_create, department_deactivate, department_update
from .places import kiosk_create, service_point_create
from .regions import RegionLoadResult, region_load, region_rows
from .windows import window_create, window_update

__all__ = [
    "UNSET", "RegionLoadResult", "department_create", "department_deactivate", "department_update", "kiosk_create",
    "org_admin_required", "region_load", "region_resolve", "region_rows", "service_center_create",
    "service_center_update", "service_point_create", "window_create", "window_update",
]
