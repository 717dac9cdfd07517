"""SealedField: a column that holds SM4 ciphertext and reads back as a `Sealed` value.

A `Sealed` prints as its masked form, so a template, a serializer or a log line that forgets
about personal data still shows only the mask. The clear value needs an explicit `.reveal()`,
which views call only for roles that need it, after writing an audit event.
"""

from __future__ import annotations

import json

from django.db import models

from . import crypto
from .masking import MASKERS


class Sealed:
    __slots__ = ("_token", "_plain", "kind")

    def __init__(self, *, token: str | None = None, plain: str | None = None, kind: str) -> None:
        self._token = token
        self._plain = plain
        self.kind = kind

    @classmethod
    def of(cls, plain: str, *, kind: str) -> Sealed:
        return cls(plain=plain, kind=kind)

    @property
    def token(self) -> str:
        if self._token is None:
            self._token = crypto.encrypt(self._plain or "")
        return self._token

    def reveal(self) -> str:
        if self._plain is None:
            self._plain = crypto.decrypt(self._token or "")
        return self._plain

    @property
    def masked(self) -> str:
        return MASKERS[self.kind](self.reveal())

    def __str__(self) -> str:
        return self.masked

    def __repr__(self) -> str:
        return f"<Sealed {self.kind} {self.masked}>"

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Sealed) and other.kind == self.kind and other.reveal() == self.reveal()

    def __hash__(self) -> int:
        return hash((self.kind, self.token))

    def __bool__(self) -> bool:
        return bool(self.reveal())


class SealedField(models.TextField):
    """Encrypted text column. `kind` selects the mask ("id_number" or "phone")."""

    def __init__(self, *args, kind: str, **kwargs) -> None:
        if kind not in MASKERS:
            raise ValueError(f"unknown sealed kind {kind!r}")
        self.kind = kind
        kwargs.setdefault("blank", True)
        kwargs.setdefault("default", "")
        super().__init__(*args, **kwargs)

    def deconstruct(self):
        name, path, args, kwargs = super().deconstruct()
        kwargs["kind"] = self.kind
        return name, path, args, kwargs

    def from_db_value(self, value, expression, connection):
        if not value:
            return None
        return Sealed(token=value, kind=self.kind)

    def to_python(self, value):
        if value is None or isinstance(value, Sealed):
            return value
        if value == "":
            return None
        if isinstance(value, str) and value.startswith(crypto.PREFIX):
            return Sealed(token=value, kind=self.kind)
        return Sealed.of(str(value), kind=self.kind)

    def get_prep_value(self, value):
        if value is None or value == "":
            return ""
        if not isinstance(value, Sealed):
            value = Sealed.of(str(value), kind=self.kind)
        return value.token

    def value_to_string(self, obj):
        value = self.value_from_object(obj)
        return value.token if isinstance(value, Sealed) else ""


class SealedJSONField(models.TextField):
    """A JSON document kept as SM4 ciphertext (an application form holds ID and phone numbers).

    Reads back as a plain dict: whoever renders it masks the values by the form's field kinds.
    The column is never searched; what must be found is stored beside it as a digest.
    """

    def __init__(self, *args, **kwargs) -> None:
        kwargs.setdefault("blank", True)
        kwargs.setdefault("default", dict)
        super().__init__(*args, **kwargs)

    def from_db_value(self, value, expression, connection):
        return self.to_python(value)

    def to_python(self, value):
        if isinstance(value, dict):
            return value
        if not value:
            return {}
        text = crypto.decrypt(value) if value.startswith(crypto.PREFIX) else value
        return json.loads(text)

    def get_prep_value(self, value):
        if not value:
            return ""
        if isinstance(value, str):
            return value if value.startswith(crypto.PREFIX) else crypto.encrypt(value)
        return crypto.encrypt(json.dumps(value, ensure_ascii=False, sort_keys=True, default=str))

    def value_to_string(self, obj):
        return self.get_prep_value(self.value_from_object(obj))
