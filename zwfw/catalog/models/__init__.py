"""The catalog's models, split by concern."""

from .changes import ItemChange, ZeroReport
from .codes import (
    AUTHORITY_INITIATED_TYPES,
    CHOICE_KINDS,
    AuthoritySource,
    CaseKind,
    CatalogLevel,
    ChangeKind,
    FastTrackTag,
    FormFieldKind,
    HandlingVariant,
    InitiatedBy,
    ItemLevel,
    ItemStatus,
    ItemType,
    LimitUnit,
    MaterialRequirement,
    MaterialSource,
    OnlineDepth,
    ProfileSource,
    ReviewOutcome,
    SharedSource,
    SpecialProcedureKind,
    VersionStatus,
)
from .items import BaseItem, ImplementationItem, ServiceItem, Theme, ThemeAudience, ThemeKind
from .review import ReviewChain, ReviewChainStep, ReviewDecision
from .search import CatalogSearchEntry, CatalogSearchStamp, CatalogSearchText
from .versions import (
    FeeItem,
    FormField,
    FormFileKind,
    ItemVersion,
    Material,
    MaterialFile,
    ProcessStep,
    SpecialProcedure,
)

__all__ = [
    "AUTHORITY_INITIATED_TYPES", "AuthoritySource", "BaseItem", "CaseKind", "CatalogLevel", "ChangeKind", "FastTrackTag", "FeeItem",
    "HandlingVariant", "ImplementationItem", "InitiatedBy", "ItemChange", "ItemLevel", "ItemStatus", "ItemType",
    "ItemVersion", "LimitUnit", "Material", "MaterialRequirement", "MaterialSource", "OnlineDepth",
    "ProcessStep", "ReviewChain", "ReviewChainStep", "ReviewDecision", "ReviewOutcome", "ServiceItem",
    "SpecialProcedure", "SpecialProcedureKind", "Theme", "VersionStatus", "ZeroReport",
    "FormFileKind", "MaterialFile", "FormField", "FormFieldKind", "ProfileSource", "SharedSource", "CHOICE_KINDS", "ThemeAudience", "ThemeKind", "CatalogSearchEntry", "CatalogSearchStamp", "CatalogSearchText",
]
