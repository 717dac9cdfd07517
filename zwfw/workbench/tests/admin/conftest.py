"""The accounts tests' counties, departments and one account per role, for the admin pages."""

from zwfw.accounts.tests.conftest import depts, people, point_a, regions  # noqa: F401 - pytest fixtures
