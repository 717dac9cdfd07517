"""Demo catalog loads: the real 广安区 list (enriched) and the real 灵山县 items."""

from .guangan import catalog_load_guangan, guangan_departments
from .lingshan import catalog_load_lingshan, lingshan_departments

__all__ = ["catalog_load_guangan", "catalog_load_lingshan", "guangan_departments", "lingshan_departments"]
