from .case import Case, CaseStatus, Channel, DecisionOutcome, ResultType
from .decision import CaseDelivery, DeliveryMethod, ResultCertificate
from .materials import CaseMaterial, CaseMaterialFile, MaterialForm
from .steps import BusinessAction, CaseStep, StepStatus
from .timeline import CaseEvent, CaseSupplement

__all__ = ["BusinessAction", "Case", "CaseDelivery", "CaseEvent", "CaseMaterial", "CaseMaterialFile", "CaseStatus",
           "CaseStep", "CaseSupplement", "Channel", "DecisionOutcome", "DeliveryMethod", "MaterialForm",
           "ResultCertificate", "ResultType", "StepStatus"]
