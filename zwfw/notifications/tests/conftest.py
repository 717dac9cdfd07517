import datetime as dt

import pytest

from zwfw.accounts.models import AccountKind, User
from zwfw.core.fields import Sealed

NOW = dt.datetime(2026, 3, 2, 9, 0, tzinfo=dt.UTC)
PHONE = "13812345678"


@pytest.fixture(autouse=True)
def _queue(empty_queue):
    """Every test here starts and ends with an empty job queue."""


@pytest.fixture
def citizen(db):
    return User.objects.create_user(username="zhangsan", password="x" * 12, full_name="张三", kind=AccountKind.CITIZEN,
                                    email="zhangsan@example.cn", phone=Sealed.of(PHONE, kind="phone"))


@pytest.fixture
def staff(db):
    return User.objects.create_user(username="clerk", password="x" * 12, full_name="李四")
