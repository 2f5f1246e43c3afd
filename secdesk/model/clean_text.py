"""Every text column of every mapped class is cleaned when a value is assigned to it.

One door for all text: the window, the command line, meeting packages and imported
minutes all end in an attribute assignment (or a constructor, which assigns). The
listener runs before secdesk/security/fields.py seals the value at flush, so what is
encrypted is already clean. Values the ORM loads are set with set_committed_value,
which fires no set event: stored text is shown as it is stored.

Imported by secdesk/model/__init__.py, which installs it for `Base`.
"""

from __future__ import annotations

import enum
from typing import Any

from sqlalchemy import Enum, String, event
from sqlalchemy.orm import Mapper

from secdesk.model.base import Base
from secdesk.text import clean_text


def _clean_on_set(_target: Any, value: Any, _old: Any, _initiator: Any) -> Any:
    if isinstance(value, str) and not isinstance(value, enum.Enum):
        return clean_text(value)
    return value


def text_attributes(mapper: Mapper[Any]) -> list[str]:
    """The mapped attributes of `mapper` held in String or Text columns (not enums)."""
    names = []
    for attribute in mapper.column_attrs:
        column_type = attribute.columns[0].type
        if isinstance(column_type, String) and not isinstance(column_type, Enum):
            names.append(attribute.key)
    return names


def _install(mapper: Mapper[Any], cls: type) -> None:
    for name in text_attributes(mapper):
        attribute = getattr(cls, name)
        if not event.contains(attribute, "set", _clean_on_set):
            event.listen(attribute, "set", _clean_on_set, retval=True)


# Mappers are configured lazily (on first use); classes mapped later are covered too.
event.listen(Base, "mapper_configured", _install, propagate=True)
for _mapper in Base.registry.mappers:
    if _mapper.configured:
        _install(_mapper, _mapper.class_)
