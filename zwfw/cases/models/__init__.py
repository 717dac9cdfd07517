from .case import Case, CaseStatus, Channel, DecisionOutcome, ResultType
from .decision import CaseDelivery, DeliveryMethod, ResultCertificate
from .export import CaseExportBatch
from .materials import CaseMaterial, CaseMaterialFile, MaterialForm
from .procedures import (
           CaseExtension,
           CaseSpecialProcedure,
           ExtensionStatus,
           GbSpecialProcedure,
           ProcedureStatus,
)
from .steps import BusinessAction, CaseStep, StepStatus
from .timeline import CaseEvent, CaseSupplement

__all__ = ["BusinessAction", "Case", "CaseDelivery", "CaseEvent", "CaseExportBatch", "CaseExtension", "CaseMaterial", "CaseMaterialFile",
           "CaseSpecialProcedure", "CaseStatus", "CaseStep", "CaseSupplement", "Channel", "DecisionOutcome",
           "DeliveryMethod", "ExtensionStatus", "GbSpecialProcedure", "MaterialForm", "ProcedureStatus",
           "ResultCertificate", "ResultType", "StepStatus"]
