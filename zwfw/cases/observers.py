"""Other contexts that must stay in step with a case's status (the supervision rollups) register
here from their AppConfig.ready(), so the case code does not import them.

An observer is called with the case just before `move()` changes it and returns a callable that
`move()` calls with the changed case, in the same transaction (a failure rolls the move back).
"""

from __future__ import annotations

from collections.abc import Callable

Observer = Callable[[object], Callable[[object], None]]

_OBSERVERS: list[Observer] = []


def case_move_observe(observer: Observer) -> None:
    if observer not in _OBSERVERS:
        _OBSERVERS.append(observer)


def case_move_begin(case) -> list[Callable[[object], None]]:
    return [observer(case) for observer in _OBSERVERS]
