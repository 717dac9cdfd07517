"""Accounts of every role in two counties (zwfw/accounts/tests/conftest.py), for the security suite."""

from zwfw.accounts.tests.conftest import depts, people, point_a, regions  # noqa: F401 - pytest fixtures
