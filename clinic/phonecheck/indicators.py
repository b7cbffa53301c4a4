"""Echap's indicator files: read and validate `ioc.yaml` and `watchware.yaml`, index them.

Each file is read with `yaml.safe_load` only and checked field by field. Known quirks are
accepted: missing optional keys, `c2.ip` spelled for `c2.ips`, a package listed under two
families, mixed-case package ids, `ios_bundles` (watchware only). Anything else wrong
rejects the whole file with a message naming the entry and field (never its value).

A file's entries all have one Echap type: `stalkerware` (ioc.yaml) or `watchware`
(watchware.yaml). An `IndicatorSet` holds one source per type, each with its own SHA-256,
dates and attribution; Echap's type decides the result group.
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
    " warranty. Modified: converted to JSON; kept names, types, packages, iOS bundle ids,"
    " certificates, websites, distribution sites and C2 hosts."
)
LIST_FIELDS = ("names", "packages", "ios_bundles", "certificates", "websites", "distribution")
TYPES = ("stalkerware", "watchware")
FILE_OF_TYPE = {"stalkerware": "ioc.yaml", "watchware": "watchware.yaml"}
_PACKAGE = re.compile(r"^[A-Za-z0-9_]+(\.[A-Za-z0-9_]+)*$")
_BUNDLE = re.compile(r"^[A-Za-z0-9_-]+(\.[A-Za-z0-9_-]+)+$")
_CERT = re.compile(r"^[0-9A-Fa-f:]{40,95}$")
_TEXT_MAX = 300


@dataclass(frozen=True, slots=True)
class Family:
    """One app family (one entry of ioc.yaml or watchware.yaml)."""

    name: str
    type: str
    names: tuple[str, ...] = ()
    packages: tuple[str, ...] = ()
    ios_bundles: tuple[str, ...] = ()
    certificates: tuple[str, ...] = ()
    websites: tuple[str, ...] = ()
    distribution: tuple[str, ...] = ()
    c2_domains: tuple[str, ...] = ()
    c2_ips: tuple[str, ...] = ()


@dataclass
class Source:
    """One imported file: its Echap type, digest, dates and families."""

    type: str
    families: list[Family]
    sha256: str = ""
    imported_on: dt.date | None = None
    source_date: dt.date | None = None
    attribution: str = ATTRIBUTION

    @property
    def file_name(self) -> str:
        return FILE_OF_TYPE.get(self.type, "indicator file")

    def version(self) -> str:
        """A one-line description stored with each phone check."""
        parts = [f"{SOURCE_NAME} ({self.file_name})"]
        if self.source_date:
            parts.append(f"snapshot {self.source_date.isoformat()}")
        if self.imported_on:
            parts.append(f"imported {self.imported_on.isoformat()}")
        if self.sha256:
            parts.append(f"sha256 {self.sha256[:12]}")
        return ", ".join(parts)

    def to_doc(self) -> dict[str, Any]:
        return {
            "type": self.type,
            "sha256": self.sha256,
            "imported_on": self.imported_on.isoformat() if self.imported_on else None,
            "source_date": self.source_date.isoformat() if self.source_date else None,
            "attribution": self.attribution,
            "families": [_family_doc(f) for f in self.families],
        }

    @classmethod
    def from_doc(cls, doc: dict[str, Any]) -> Source:
        return cls(
            type=doc["type"],
            families=[_family_from_doc(f) for f in doc["families"]],
            sha256=doc.get("sha256", ""),
            imported_on=_date(doc.get("imported_on")),
            source_date=_date(doc.get("source_date")),
            attribution=doc.get("attribution") or ATTRIBUTION,
        )


def _date(value: object) -> dt.date | None:
    return dt.date.fromisoformat(value) if isinstance(value, str) and value else None


def _family_doc(f: Family) -> dict[str, Any]:
    return {
        "name": f.name,
        "type": f.type,
        "names": list(f.names),
        "packages": list(f.packages),
        "ios_bundles": list(f.ios_bundles),
        "certificates": list(f.certificates),
        "websites": list(f.websites),
        "distribution": list(f.distribution),
        "c2_domains": list(f.c2_domains),
        "c2_ips": list(f.c2_ips),
    }


def _family_from_doc(f: dict[str, Any]) -> Family:
    return Family(
        name=f["name"],
        type=f["type"],
        names=tuple(f["names"]),
        packages=tuple(f["packages"]),
        ios_bundles=tuple(f.get("ios_bundles", ())),
        certificates=tuple(f["certificates"]),
        websites=tuple(f["websites"]),
        distribution=tuple(f["distribution"]),
        c2_domains=tuple(f["c2_domains"]),
        c2_ips=tuple(f["c2_ips"]),
    )


def cert_key(fingerprint: str) -> str:
    """A SHA-1 signing-certificate fingerprint in one form: upper case, no colons."""
    return fingerprint.replace(":", "").strip().upper()


@dataclass
class IndicatorSet:
    """Indexed indicator data, one source per Echap type, plus where each came from.

    `by_package` holds the Known stalkerware ids (type stalkerware); `watch_by_package`
    the ids sold openly as monitoring apps (type watchware), `by_bundle` their iOS ids.
    """

    sources: list[Source] = field(default_factory=list)
    by_package: dict[str, list[str]] = field(default_factory=dict)
    watch_by_package: dict[str, list[str]] = field(default_factory=dict)
    by_bundle: dict[str, list[tuple[str, str]]] = field(default_factory=dict)
    by_folded_package: dict[str, list[tuple[str, str]]] = field(default_factory=dict)
    by_name: dict[str, list[str]] = field(default_factory=dict)
    by_cert: dict[str, list[tuple[str, str]]] = field(default_factory=dict)

    def __post_init__(self) -> None:
        for fam in self.families:
            index = self.by_package if fam.type == "stalkerware" else self.watch_by_package
            for pkg in fam.packages:
                _add(index, pkg, fam.name)
                _add(self.by_folded_package, pkg.casefold(), (pkg, fam.name))
            for bundle in fam.ios_bundles:
                _add(self.by_bundle, bundle, (fam.name, fam.type))
            for cert in fam.certificates:
                _add(self.by_cert, cert_key(cert), (fam.name, fam.type))
            if fam.type == "stalkerware":
                for name in (fam.name, *fam.names):
                    _add(self.by_name, fold_name(name), fam.name)

    @property
    def families(self) -> list[Family]:
        return [f for s in self.sources for f in s.families]

    @property
    def package_count(self) -> int:
        return len(self.by_package) + len(self.watch_by_package)

    def source(self, kind: str) -> Source | None:
        return next((s for s in self.sources if s.type == kind), None)

    def has(self, kind: str) -> bool:
        return self.source(kind) is not None

    @property
    def sha256(self) -> str:
        first = self.source("stalkerware") or (self.sources[0] if self.sources else None)
        return first.sha256 if first else ""

    @property
    def attribution(self) -> str:
        return ATTRIBUTION

    def version(self) -> str:
        """One line per imported file, joined (stored with each phone check)."""
        return "; ".join(s.version() for s in self.sources)

    def with_source(self, new: Source) -> IndicatorSet:
        """A copy where `new` replaces only the earlier import of the same type."""
        kept = [s for s in self.sources if s.type != new.type]
        return IndicatorSet(sorted([*kept, new], key=lambda s: TYPES.index(s.type)))

    def to_doc(self) -> dict[str, Any]:
        return {"format": 2, "sources": [s.to_doc() for s in self.sources]}

    @classmethod
    def from_doc(
        cls,
        doc: dict[str, Any],
        imported_on: dt.date,
        source_date: dt.date | None,
        attribution: str,
    ) -> IndicatorSet:
        """Read a stored doc; release 0.1.0 stored one ioc.yaml as `{sha256, families}`."""
        if "sources" in doc:
            return cls([Source.from_doc(s) for s in doc["sources"]])
        families = [_family_from_doc(f) for f in doc["families"]]
        legacy = Source(
            "stalkerware", families, doc.get("sha256", ""), imported_on, source_date, attribution
        )
        return cls([legacy])


def _add(index: dict[str, list[Any]], key: str, value: Any) -> None:
    bucket = index.setdefault(key, [])
    if value not in bucket:
        bucket.append(value)


def fold_name(name: str) -> str:
    """Case- and punctuation-insensitive form of an app or family name."""
    return "".join(ch for ch in name.casefold() if ch.isalnum())


def parse_ioc(data: bytes, imported_on: dt.date | None = None) -> IndicatorSet:
    """Validate ioc.yaml or watchware.yaml bytes into a one-source set (InvalidInput if bad)."""
    return IndicatorSet([parse_file(data, imported_on)])


def parse_file(data: bytes, imported_on: dt.date | None = None) -> Source:
    """Validate one indicator file; raises InvalidInput with a clear, value-free message."""
    import yaml

    if len(data) > MAX_BYTES:
        raise InvalidInput("indicator_too_large")
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        raise InvalidInput("indicator_not_utf8") from None
    try:
        raw = yaml.load(text, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))  # noqa: S506
    except yaml.MarkedYAMLError as exc:
        line = exc.problem_mark.line + 1 if exc.problem_mark else 0
        raise InvalidInput("indicator_bad_yaml_line", line=line) from None
    except yaml.YAMLError:
        raise InvalidInput("indicator_bad_yaml") from None
    if not isinstance(raw, list) or not raw:
        raise InvalidInput("indicator_not_list")
    families = [_family(entry, n + 1) for n, entry in enumerate(raw)]
    if not any(f.packages or f.ios_bundles for f in families):
        raise InvalidInput("indicator_no_packages")
    kinds = {f.type for f in families}
    if len(kinds) != 1 or not kinds <= set(TYPES):
        raise InvalidInput("indicator_one_type")
    digest = hashlib.sha256(data).hexdigest()
    return Source(kinds.pop(), families, digest, imported_on)


def _family(entry: object, n: int) -> Family:
    if not isinstance(entry, dict):
        raise InvalidInput("indicator_entry_not_mapping", entry=n)
    name = _text(entry.get("name"), n, "name")
    kind = _text(entry.get("type"), n, "type")
    lists = {key: _list(entry.get(key), n, key) for key in LIST_FIELDS}
    for pkg in lists["packages"]:
        if not _PACKAGE.match(pkg):
            raise InvalidInput("indicator_entry_bad_package", entry=n)
    for bundle in lists["ios_bundles"]:
        if not _BUNDLE.match(bundle):
            raise InvalidInput("indicator_entry_bad_bundle", entry=n)
    for cert in lists["certificates"]:
        if not _CERT.match(cert):
            raise InvalidInput("indicator_entry_bad_certificate", entry=n)
    c2 = entry.get("c2") or {}
    if not isinstance(c2, dict):
        raise InvalidInput("indicator_entry_c2_not_mapping", entry=n)
    ips = _list(c2.get("ips"), n, "c2.ips") + _list(c2.get("ip"), n, "c2.ip")
    return Family(
        name=name,
        type=kind,
        names=tuple(lists["names"]),
        packages=tuple(dict.fromkeys(lists["packages"])),
        ios_bundles=tuple(dict.fromkeys(lists["ios_bundles"])),
        certificates=tuple(lists["certificates"]),
        websites=tuple(lists["websites"]),
        distribution=tuple(lists["distribution"]),
        c2_domains=tuple(_list(c2.get("domains"), n, "c2.domains")),
        c2_ips=tuple(dict.fromkeys(ips)),
    )


def _text(value: object, n: int, key: str) -> str:
    if value is None:
        raise InvalidInput("indicator_entry_missing", entry=n, field=key)
    if not isinstance(value, str | int | float) or isinstance(value, bool):
        raise InvalidInput("indicator_entry_not_text", entry=n, field=key)
    text = str(value).strip()
    if not text or len(text) > _TEXT_MAX or not text.isprintable():
        raise InvalidInput("indicator_entry_not_line", entry=n, field=key)
    return text


def _list(value: object, n: int, key: str) -> list[str]:
    if value is None:
        return []
    if not isinstance(value, list):
        raise InvalidInput("indicator_entry_not_list", entry=n, field=key)
    return [_text(v, n, key) for v in value]
