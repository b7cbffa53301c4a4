"""Base model and id type for everything stored in a case."""

from __future__ import annotations

import re
import uuid
from typing import Annotated

from pydantic import AfterValidator, BaseModel, Field

from clinic.model.text import STRICT_CONFIG

UUID4_PATTERN = "^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$"
_UUID4 = re.compile(UUID4_PATTERN)


def _check_uuid4(value: str) -> str:
    if not _UUID4.fullmatch(value):
        raise ValueError("must be a lowercase UUID4 string")
    return value


# minLength/maxLength as well: Python's `$` in the published pattern also matches before
# a final newline.
Id = Annotated[
    str,
    AfterValidator(_check_uuid4),
    Field(json_schema_extra={"minLength": 36, "maxLength": 36, "pattern": UUID4_PATTERN}),
]


def new_id() -> str:
    return str(uuid.uuid4())


class Model(BaseModel):
    """Strict, input-hiding base for every case model."""

    model_config = STRICT_CONFIG


class Entity(Model):
    """A stored record with its own UUID4 id."""

    id: Id = Field(default_factory=new_id)
