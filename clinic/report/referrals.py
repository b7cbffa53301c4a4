"""The referral directory: bundled national entries plus a clinic's own validated files.

An entry's `neutral_label` and `contact` are what a discreet printout shows, so they must
pass the discreet word rule at load time. `verified_on` stays empty in the bundled file;
a clinic's confirmation of each entry is recorded in its vault (storage.settings_store).
"""

from __future__ import annotations

import datetime as dt
import tomllib
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from pydantic import BaseModel, Field, ValidationError, model_validator

from clinic.errors import InvalidInput
from clinic.model.text import STRICT_CONFIG, LongText, ShortText
from clinic.protocols.schema import ContentId
from clinic.report.discreet import find_forbidden

LANGS = ("en", "es")


class ReferralEntry(BaseModel):
    """One resource, named plainly (`name`) and neutrally (`neutral_label`, per language)."""

    model_config = STRICT_CONFIG
    id: ContentId
    name: ShortText
    neutral_label: dict[str, ShortText]
    contact: dict[str, LongText]
    web: str = Field(default="", max_length=200)
    source: ShortText
    verified_on: dt.date | None = None

    @model_validator(mode="after")
    def _both_languages_and_neutral(self) -> ReferralEntry:
        for name, texts in (("neutral_label", self.neutral_label), ("contact", self.contact)):
            if set(texts) != set(LANGS):
                raise ValueError(f"{name} needs exactly the languages {', '.join(LANGS)}")
            if any(find_forbidden(t) for t in texts.values()):
                raise ValueError(f"{name} uses a word discreet printouts leave out")
        return self

    def label(self, lang: str) -> str:
        return self.neutral_label.get(lang) or self.neutral_label["en"]

    def contact_for(self, lang: str) -> str:
        return self.contact.get(lang) or self.contact["en"]


class ReferralFile(BaseModel):
    model_config = STRICT_CONFIG
    region: ShortText
    entries: list[ReferralEntry] = Field(min_length=1)


@dataclass
class ReferralDirectory:
    """Entries by id; later files override earlier ones with the same id."""

    entries: dict[str, ReferralEntry] = field(default_factory=dict)

    def get(self, entry_id: str | None) -> ReferralEntry | None:
        return self.entries.get(entry_id) if entry_id else None


def load_file(path: Path) -> ReferralFile:
    """Read and validate one referral file; InvalidInput names the file and field, not values."""
    try:
        with path.open("rb") as fh:
            data = tomllib.load(fh)
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError):
        raise InvalidInput("referral_file_unreadable", file=path.name) from None
    try:
        return ReferralFile.model_validate(data)
    except ValidationError as exc:
        first = exc.errors()[0]
        where = ".".join(str(p) for p in first["loc"])
        raise InvalidInput(
            "referral_file_invalid", file=path.name, field=where, problem=first["type"]
        ) from None


def load_directory(extra_files: Sequence[Path] = (), *, builtin: bool = True) -> ReferralDirectory:
    """The bundled files (sorted by name), then each clinic file in order."""
    from clinic.paths import resource

    files = sorted(resource("referrals").glob("*.toml")) if builtin else []
    directory = ReferralDirectory()
    for path in [*files, *extra_files]:
        for entry in load_file(Path(path)).entries:
            directory.entries[entry.id] = entry
    return directory
