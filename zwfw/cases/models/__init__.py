from .case import Case, CaseStatus, Channel, DecisionOutcome, ResultType
from .decision import CaseDelivery, DeliveryMethod, ResultCertificate
from .materials import CaseMaterial, CaseMaterialFile, MaterialForm
from .procedures import (
           CaseExtension,
           CaseSpecialProcedure,
           ExtensionStatus,
           GbSpecialProcedure,
           ProcedureStatus,
)
from .timeline import CaseEvent, CaseSupplement

__all__ = ["Case", "CaseDelivery", "CaseEvent", "CaseExtension", "CaseMaterial", "CaseMaterialFile",
           "CaseSpecialProcedure", "CaseStatus", "CaseSupplement", "Channel", "DecisionOutcome", "DeliveryMethod",
           "ExtensionStatus", "GbSpecialProcedure", "MaterialForm", "ProcedureStatus", "ResultCertificate",
           "ResultType"]
