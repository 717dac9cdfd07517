"""The catalog tests' county, departments, editors and reviewers, reused for the workbench pages."""

from zwfw.catalog.tests.conftest import (  # noqa: F401 - pytest fixtures
    GUIDE,
    MATERIALS,
    NOW,
    STEPS,
    approval_dept,
    clerk,
    county,
    draft,
    editor,
    make_user,
    now,
    other_dept,
    other_editor,
    published,
    reviewer,
    town,
    town_dept,
)
from zwfw.catalog.tests.exchange.conftest import xlsx  # noqa: E402, F401 - pytest fixture (Excel pages)
