from .case import Case, CaseStatus, Channel
from .export import CaseExportBatch
from .materials import CaseMaterial, CaseMaterialFile, MaterialForm
from .timeline import CaseEvent, CaseSupplement

__all__ = ["Case", "CaseEvent", "CaseExportBatch", "CaseMaterial", "CaseMaterialFile", "CaseStatus", "CaseSupplement", "Channel",
           "MaterialForm"]
