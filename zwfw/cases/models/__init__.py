from .case import Case, CaseStatus, Channel, DecisionOutcome, ResultType
from .decision import CaseDelivery, DeliveryMethod, ResultCertificate
from .materials import CaseMaterial, CaseMaterialFile, MaterialForm
from .timeline import CaseEvent, CaseSupplement

__all__ = ["Case", "CaseDelivery", "CaseEvent", "CaseMaterial", "CaseMaterialFile", "CaseStatus", "CaseSupplement",
           "Channel", "DecisionOutcome", "DeliveryMethod", "MaterialForm", "ResultCertificate", "ResultType"]
