"""The catalog tests' county, department, editor and a published item, for the API-wide tests."""

from zwfw.catalog.tests.conftest import (  # noqa: F401 - pytest fixtures
    approval_dept,
    county,
    draft,
    editor,
    now,
    published,
    reviewer,
)
