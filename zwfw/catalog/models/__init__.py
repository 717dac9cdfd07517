"""The catalog's models, split by concern."""

from .changes import ItemChange, ZeroReport
from .codes import (
    AUTHORITY_INITIATED_TYPES,
    AuthoritySource,
    CaseKind,
    CatalogLevel,
    ChangeKind,
    FastTrackTag,
    HandlingVariant,
    InitiatedBy,
    ItemLevel,
    ItemStatus,
    ItemType,
    LimitUnit,
    MaterialRequirement,
    MaterialSource,
    OnlineDepth,
    ReviewOutcome,
    SpecialProcedureKind,
    VersionStatus,
)
from .items import BaseItem, ImplementationItem, ServiceItem, Theme, ThemeAudience, ThemeKind
from .review import ReviewChain, ReviewChainStep, ReviewDecision
from .search import CatalogSearchEntry, CatalogSearchText
from .versions import (
    FeeItem,
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
    "FormFileKind", "MaterialFile", "ThemeAudience", "ThemeKind", "CatalogSearchEntry", "CatalogSearchText",
]
