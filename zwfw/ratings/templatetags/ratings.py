from django import template

from ..services.rating import case_rateable

register = template.Library()


@register.filter
def rateable(case) -> bool:
    """Whether a case's page offers 评价 (keyed on the case's status only)."""
    return case_rateable(case)
