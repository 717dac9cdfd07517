"""Twenty threads, each in its own transaction and database connection, ask for numbers at once;
five of them roll back. The numbers given out are unique and contiguous (gapless)."""

import datetime as dt
import threading

import pytest
from django.db import connection, transaction

from zwfw.numbering.models import NumberSequence
from zwfw.numbering.services import number_next

THREADS = 20
ROLLED_BACK = {3, 7, 11, 15, 19}


class Undo(Exception):
    pass


@pytest.mark.django_db(transaction=True)
def test_twenty_threads_get_unique_contiguous_numbers():
    start = threading.Barrier(THREADS)
    kept, errors = [], []
    lock = threading.Lock()

    def worker(index: int) -> None:
        try:
            start.wait()
            with transaction.atomic():
                number = number_next(kind="notice.accept", scope="511602000000", on=dt.date(2026, 11, 29),
                                     values={"机关": "广安区政务"})
                if index in ROLLED_BACK:
                    raise Undo
            with lock:
                kept.append(number)
        except Undo:
            pass
        except Exception as exc:  # noqa: BLE001 (reported below)
            errors.append(repr(exc))
        finally:
            connection.close()

    threads = [threading.Thread(target=worker, args=(i,)) for i in range(THREADS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    assert sorted(n.seq for n in kept) == list(range(1, THREADS - len(ROLLED_BACK) + 1))
    assert len({n.text for n in kept}) == len(kept)
    assert NumberSequence.objects.get().last_value == THREADS - len(ROLLED_BACK)
