"""Echap's stalkerware indicators: read and validate `ioc.yaml`, index it for exact matching.

The file is read with `yaml.safe_load` only and checked field by field. Known quirks are
accepted: missing optional keys, `c2.ip` spelled for `c2.ips`, a package listed under two
families, mixed-case package ids. Anything else wrong rejects the whole file with a
message naming the entry and field (never its value).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
from dataclasses import dataclass, field
from typing import Any

from clinic.errors import InvalidInput

MAX_BYTES = 20_000_000
SOURCE_NAME = "Echap stalkerware indicators"
ATTRIBUTION = (
    "Stalkerware indicators by Echap (https://echap.eu.org/), maintained by Julien Voisin and"
    " Tek with contributors, from https://github.com/AssoEchap/stalkerware-indicators, licensed"
    " under CC BY 4.0 (https://creativecommons.org/licenses/by/4.0/). Provided as is, without"
    " warranty. Modified: converted to JSON; kept names, types, packages, certificates,"
    " websites, distribution sites and C2 hosts."
)
LIST_FIELDS = ("names", "packages", "certificates", "websites", "distribution")
_PACKAGE = re.compile(r"^[A-Za-z0-9_]+(\.[A-Za-z0-9_]+)*$")
_TEXT_MAX = 300


@dataclass(frozen=True, slots=True)
class Family:
    """One stalkerware family (one entry of ioc.yaml)."""

    name: str
    type: str
    names: tuple[str, ...] = ()
    packages: tuple[str, ...] = ()
    certificates: tuple[str, ...] = ()
    websites: tuple[str, ...] = ()
    distribution: tuple[str, ...] = ()
    c2_domains: tuple[str, ...] = ()
    c2_ips: tuple[str, ...] = ()


@dataclass
class IndicatorSet:
    """Indexed indicator data plus where it came from."""

    families: list[Family]
    sha256: str = ""
    imported_on: dt.date | None = None
    source_date: dt.date | None = None
    attribution: str = ATTRIBUTION
    by_package: dict[str, list[str]] = field(default_factory=dict)
    by_folded_package: dict[str, list[tuple[str, str]]] = field(default_factory=dict)
    by_name: dict[str, list[str]] = field(default_factory=dict)

    def __post_init__(self) -> None:
        for fam in self.families:
            for pkg in fam.packages:
                _add(self.by_package, pkg, fam.name)
                _add(self.by_folded_package, pkg.casefold(), (pkg, fam.name))
            for name in (fam.name, *fam.names):
                _add(self.by_name, fold_name(name), fam.name)

    @property
    def package_count(self) -> int:
        return len(self.by_package)

    def version(self) -> str:
        """A one-line description stored with each phone check."""
        parts = [SOURCE_NAME]
        if self.source_date:
            parts.append(f"snapshot {self.source_date.isoformat()}")
        if self.imported_on:
            parts.append(f"imported {self.imported_on.isoformat()}")
        if self.sha256:
            parts.append(f"sha256 {self.sha256[:12]}")
        return ", ".join(parts)

    def to_doc(self) -> dict[str, Any]:
        return {
            "sha256": self.sha256,
            "families": [
                {
                    "name": f.name,
                    "type": f.type,
                    "names": list(f.names),
                    "packages": list(f.packages),
                    "certificates": list(f.certificates),
                    "websites": list(f.websites),
                    "distribution": list(f.distribution),
                    "c2_domains": list(f.c2_domains),
                    "c2_ips": list(f.c2_ips),
                }
                for f in self.families
            ],
        }

    @classmethod
    def from_doc(
        cls,
        doc: dict[str, Any],
        imported_on: dt.date,
        source_date: dt.date | None,
        attribution: str,
    ) -> IndicatorSet:
        families = [
            Family(
                name=f["name"],
                type=f["type"],
                names=tuple(f["names"]),
                packages=tuple(f["packages"]),
                certificates=tuple(f["certificates"]),
                websites=tuple(f["websites"]),
                distribution=tuple(f["distribution"]),
                c2_domains=tuple(f["c2_domains"]),
                c2_ips=tuple(f["c2_ips"]),
            )
            for f in doc["families"]
        ]
        return cls(families, doc.get("sha256", ""), imported_on, source_date, attribution)


def _add(index: dict[str, list[Any]], key: str, value: Any) -> None:
    bucket = index.setdefault(key, [])
    if value not in bucket:
        bucket.append(value)


def fold_name(name: str) -> str:
    """Case- and punctuation-insensitive form of an app or family name."""
    return "".join(ch for ch in name.casefold() if ch.isalnum())


def parse_ioc(data: bytes, imported_on: dt.date | None = None) -> IndicatorSet:
    """Validate ioc.yaml bytes; raises InvalidInput with a clear, value-free message."""
    import yaml

    if len(data) > MAX_BYTES:
        raise InvalidInput("the indicator file is too large to be ioc.yaml")
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        raise InvalidInput("the indicator file is not UTF-8 text") from None
    try:
        raw = yaml.safe_load(text)
    except yaml.MarkedYAMLError as exc:
        line = exc.problem_mark.line + 1 if exc.problem_mark else 0
        raise InvalidInput(f"the indicator file is not valid YAML (line {line})") from None
    except yaml.YAMLError:
        raise InvalidInput("the indicator file is not valid YAML") from None
    if not isinstance(raw, list) or not raw:
        raise InvalidInput("the indicator file must be a YAML list of app families (like ioc.yaml)")
    families = [_family(entry, n + 1) for n, entry in enumerate(raw)]
    if not any(f.packages for f in families):
        raise InvalidInput("the indicator file lists no package ids")
    digest = hashlib.sha256(data).hexdigest()
    return IndicatorSet(families, digest, imported_on)


def _family(entry: object, n: int) -> Family:
    if not isinstance(entry, dict):
        raise InvalidInput(f"indicator entry {n} is not a mapping")
    name = _text(entry.get("name"), n, "name")
    kind = _text(entry.get("type"), n, "type")
    lists = {key: _list(entry.get(key), n, key) for key in LIST_FIELDS}
    for pkg in lists["packages"]:
        if not _PACKAGE.match(pkg):
            raise InvalidInput(f"indicator entry {n}, field packages: not a package id")
    c2 = entry.get("c2") or {}
    if not isinstance(c2, dict):
        raise InvalidInput(f"indicator entry {n}, field c2: expected a mapping")
    ips = _list(c2.get("ips"), n, "c2.ips") + _list(c2.get("ip"), n, "c2.ip")
    return Family(
        name=name,
        type=kind,
        names=tuple(lists["names"]),
        packages=tuple(dict.fromkeys(lists["packages"])),
        certificates=tuple(lists["certificates"]),
        websites=tuple(lists["websites"]),
        distribution=tuple(lists["distribution"]),
        c2_domains=tuple(_list(c2.get("domains"), n, "c2.domains")),
        c2_ips=tuple(dict.fromkeys(ips)),
    )


def _text(value: object, n: int, key: str) -> str:
    if value is None:
        raise InvalidInput(f"indicator entry {n} has no {key}")
    if not isinstance(value, str | int | float) or isinstance(value, bool):
        raise InvalidInput(f"indicator entry {n}, field {key}: expected text")
    text = str(value).strip()
    if not text or len(text) > _TEXT_MAX or not text.isprintable():
        raise InvalidInput(f"indicator entry {n}, field {key}: expected one short line of text")
    return text


def _list(value: object, n: int, key: str) -> list[str]:
    if value is None:
        return []
    if not isinstance(value, list):
        raise InvalidInput(f"indicator entry {n}, field {key}: expected a list")
    return [_text(v, n, key) for v in value]
