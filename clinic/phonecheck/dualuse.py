"""The project's dual-use list (resources/phonecheck/dual_use.toml): read and validate.

Apps with an ordinary purpose that can also let another person watch or control a
phone. An id here puts an app in "Monitoring or location-sharing app" unless Echap's
ioc.yaml lists it as stalkerware. The JSON Schema published next to the file is made from
`DualUseList` (`tools`-free: `python -m clinic.phonecheck.dualuse > ...schema.json`).
"""

from __future__ import annotations

import json
import tomllib
from functools import cache
from pathlib import Path
from typing import Annotated, Literal

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, ValidationError

from clinic.errors import InvalidInput

Category = Literal[
    "location_sharing", "remote_control", "call_recording", "message_forwarding", "family_controls"
]
_ANDROID = r"^[A-Za-z0-9_]+(\.[A-Za-z0-9_]+)+$"
_IOS = r"^[A-Za-z0-9_-]+(\.[A-Za-z0-9_-]+)+$"
SOURCE_NAME = "Project dual-use list"


def _unique(values: list[str]) -> list[str]:
    if len(set(values)) != len(values):
        raise ValueError("ids must be unique")
    return values


_Android = Annotated[str, Field(pattern=_ANDROID, max_length=200)]
_Ios = Annotated[str, Field(pattern=_IOS, max_length=200)]


class DualUseApp(BaseModel):
    model_config = ConfigDict(
        extra="forbid", hide_input_in_errors=True, frozen=True, defer_build=True
    )

    name: str = Field(min_length=1, max_length=80, pattern=r"^[^\x00-\x1f]+$")
    category: Category
    android: Annotated[list[_Android], AfterValidator(_unique)] = Field(default_factory=list)
    ios: Annotated[list[_Ios], AfterValidator(_unique)] = Field(default_factory=list)


class DualUseList(BaseModel):
    model_config = ConfigDict(
        extra="forbid", hide_input_in_errors=True, frozen=True, defer_build=True
    )

    format: Literal[1]
    status: Literal["draft", "reviewed"]
    reviewed_by: list[Annotated[str, Field(min_length=1, max_length=80)]] = Field(
        default_factory=list
    )
    updated: str = Field(pattern=r"^\d{4}-\d{2}-\d{2}$")
    apps: list[DualUseApp] = Field(min_length=1)

    def version(self) -> str:
        return f"{SOURCE_NAME} ({self.status}, {self.updated})"


def schema_text() -> str:
    return json.dumps(DualUseList.model_json_schema(), indent=2, sort_keys=True) + "\n"


def parse(data: bytes) -> DualUseList:
    """Validate the list; a bad file is refused whole, naming the field, never the value."""
    try:
        raw = tomllib.loads(data.decode("utf-8"))
        parsed = DualUseList.model_validate(raw)
    except (UnicodeDecodeError, tomllib.TOMLDecodeError):
        raise InvalidInput("dualuse_not_toml") from None
    except ValidationError as exc:
        where = ".".join(str(p) for p in exc.errors()[0]["loc"])
        raise InvalidInput("dualuse_invalid", field=where) from None
    seen: set[str] = set()
    for app in parsed.apps:
        for ident in (*app.android, *app.ios):
            if ident in seen:
                raise InvalidInput("dualuse_duplicate")
            seen.add(ident)
    return parsed


@cache
def load() -> DualUseList:
    from clinic.paths import resource

    return parse(Path(resource("phonecheck", "dual_use.toml")).read_bytes())


@cache
def index() -> dict[str, DualUseApp]:
    """Every Android package id and iOS bundle id of the list -> its app."""
    return {ident: app for app in load().apps for ident in (*app.android, *app.ios)}


if __name__ == "__main__":
    print(schema_text(), end="")
