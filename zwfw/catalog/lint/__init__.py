"""Quality lint of item guides: small rules, each with a stable code and a Chinese message."""

from .rules import RULE_INFO, RULES, Finding, lint_version
from .runner import catalog_lint

__all__ = ["RULES", "RULE_INFO", "Finding", "catalog_lint", "lint_version"]
