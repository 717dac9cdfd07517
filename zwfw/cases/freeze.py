"""The archive freeze (ADR 0033): which cases are final, which tables the freeze covers, and the
mapping of the database's refusal to the one error vocabulary.

A case in a final state is sealed (`Case.archived_at`) as soon as nothing is owed to it any more
(`services/archive.case_seal`); from then on the triggers of migration 0005_archive_freeze refuse
any change to the case and to the rows listed here. Adding a child table is one line in `FROZEN_CHILDREN`:
`freeze_triggers.py` installs the triggers after every `migrate`; the test
`test_freeze.py::test_every_frozen_table_has_its_triggers` checks each listed table has them.
"""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from zwfw.core.errors import StateError, db_refusal_register

from .models import CaseStatus

# Final states: nothing happens to the case afterwards but the notices it is owed (ADR 0033:
# a rejection and a withdrawal end the file as surely as a conclusion does).
FINAL_STATUSES = frozenset({CaseStatus.CONCLUDED, CaseStatus.REJECTED, CaseStatus.WITHDRAWN})

# The case's own table and its child rows under the freeze: (table, column naming the case or the
# parent row, parent (table, column) or None). The processing contexts add their tables here
# (steps, decision, special procedures, extensions).
CASE_TABLE = "cases_case"
FROZEN_CHILDREN: list[tuple[str, str, tuple[str, str] | None]] = [
    ("cases_casematerial", "case_id", None),
    ("cases_casematerialfile", "material_id", ("cases_casematerial", "case_id")),
    ("cases_caseevent", "case_id", None),
    ("cases_casesupplement", "case_id", None),
    ("cases_casestep", "case_id", None),
    ("cases_casedelivery", "case_id", None),
    ("cases_resultcertificate", "case_id", None),
    ("cases_casespecialprocedure", "case_id", None),
    ("cases_caseextension", "case_id", None),
]

# The database's message carries this marker (freeze_triggers.MESSAGE).
FROZEN_MARKER = "case_frozen:"
FROZEN_MESSAGE = _("该办件已办结归档，档案不能再修改")
FROZEN_CODE = "case_frozen"


def frozen_error() -> StateError:
    return StateError(FROZEN_MESSAGE, code=FROZEN_CODE)


def register_freeze_refusal() -> None:
    """Called from CasesConfig.ready(): a trigger's refusal reads as `case_frozen` everywhere."""
    db_refusal_register(FROZEN_MARKER, frozen_error)
