from .case import Case, CaseStatus, Channel
from .materials import CaseMaterial, CaseMaterialFile, MaterialForm
from .timeline import CaseEvent, CaseSupplement

__all__ = ["Case", "CaseEvent", "CaseMaterial", "CaseMaterialFile", "CaseStatus", "CaseSupplement", "Channel",
           "MaterialForm"]
