from .case import Case, CaseStatus, Channel
from .materials import CaseMaterial, CaseMaterialFile, MaterialForm
from .procedures import (
           CaseExtension,
           CaseSpecialProcedure,
           ExtensionStatus,
           GbSpecialProcedure,
           ProcedureStatus,
)
from .timeline import CaseEvent, CaseSupplement

__all__ = ["Case", "CaseEvent", "CaseExtension", "CaseSpecialProcedure", "ExtensionStatus", "GbSpecialProcedure",
           "ProcedureStatus", "CaseMaterial", "CaseMaterialFile", "CaseStatus", "CaseSupplement", "Channel",
           "MaterialForm"]
