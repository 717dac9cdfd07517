from .case import Case, CaseStatus, Channel
from .materials import CaseMaterial, CaseMaterialFile, MaterialForm
from .steps import BusinessAction, CaseStep, StepStatus
from .timeline import CaseEvent, CaseSupplement

__all__ = ["BusinessAction", "Case", "CaseEvent", "CaseMaterial", "CaseMaterialFile", "CaseStatus", "CaseStep",
           "CaseSupplement", "Channel", "MaterialForm", "StepStatus"]
