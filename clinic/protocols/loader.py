"""Load protocol and guide files: forgiving and loud.

A broken file is reported (file, item, field, message) and skipped; the rest load. A
clinic's own folders are loaded after the built-in one and override it by protocol id.
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TypeVar

from pydantic import BaseModel, ValidationError

from clinic.protocols.schema import Guide, Item, PhoneFindings, Protocol

LOCALES: tuple[str, ...] = ("en", "es")
GUIDES_FOLDER = "guides"
FINDINGS_FOLDER = "phone-findings"
_LOCALE = re.compile(r"^[a-z]{2,3}(-[A-Za-z0-9]{2,8})?$")
M = TypeVar("M", bound=BaseModel)


@dataclass(frozen=True)
class LoadProblem:
    """One thing wrong with one file, named precisely enough to fix it."""

    file: str
    message: str
    item: str | None = None
    field: str | None = None

    def __str__(self) -> str:
        where = self.file
        if self.item:
            where += f": item {self.item}"
        if self.field:
            where += f": field {self.field}"
        return f"{where}: {self.message}"


@dataclass
class ProtocolSet:
    """Every loaded protocol and guide, by id and locale, plus what failed to load."""

    protocols: dict[str, dict[str, Protocol]] = field(default_factory=dict)
    guides: dict[str, dict[str, Guide]] = field(default_factory=dict)
    findings: dict[str, PhoneFindings] = field(default_factory=dict)
    problems: list[LoadProblem] = field(default_factory=list)
    origin: dict[str, Path] = field(default_factory=dict)

    def get(self, protocol_id: str, locale: str = "en") -> Protocol | None:
        by_locale = self.protocols.get(protocol_id, {})
        return by_locale.get(locale) or by_locale.get("en")

    def guide(self, guide_id: str, locale: str = "en") -> Guide | None:
        by_locale = self.guides.get(guide_id, {})
        return by_locale.get(locale) or by_locale.get("en")

    def finding_item(self, kind: str, locale: str = "en") -> Item | None:
        """The built-in Advise item for a phone-check finding kind (None when unknown)."""
        findings = self.findings.get(locale) or self.findings.get("en")
        if findings is None:
            return None
        return next((i for i in findings.items if i.id == kind), None)

    def item(self, protocol_id: str, item_id: str, locale: str = "en") -> Item | None:
        protocol = self.get(protocol_id, locale)
        if protocol is None:
            return None
        return next((i for i in protocol.items if i.id == item_id), None)

    def all(self, locale: str = "en") -> list[Protocol]:
        out = [self.get(pid, locale) for pid in sorted(self.protocols)]
        return [p for p in out if p is not None]

    def item_count(self, locale: str = "en") -> int:
        return sum(len(p.items) for p in self.all(locale))


def _name(container: Any, index: int) -> str:
    """An element of a list named by its id when it has one, else by its 1-based position."""
    try:
        element = container[index]
    except (IndexError, KeyError, TypeError):
        return f"#{index + 1}"
    if isinstance(element, dict) and isinstance(element.get("id"), str):
        return str(element["id"])
    return f"#{index + 1}"


def _describe(exc: ValidationError, data: Any, file: str) -> list[LoadProblem]:
    """One problem per validation error, with list positions turned into item/option ids."""
    problems = []
    for err in exc.errors():
        loc = list(err["loc"])
        item = None
        if len(loc) >= 2 and loc[0] in ("items", "entries") and isinstance(loc[1], int):
            item = _name(data.get(loc[0]) if isinstance(data, dict) else None, loc[1])
            node: Any = _child(_child(data, loc[0]), loc[1])
            loc = loc[2:]
        else:
            node = data
        parts: list[str] = []
        for part in loc:
            parts.append(_name(node, part) if isinstance(part, int) else str(part))
            node = _child(node, part)
        message = str(err["msg"]).removeprefix("Value error, ")
        problems.append(LoadProblem(file, message, item, ".".join(parts) or None))
    return problems


def _child(node: Any, key: str | int) -> Any:
    try:
        return node[key]
    except (IndexError, KeyError, TypeError):
        return None


def load_file(path: Path, model: type[M], label: str) -> tuple[M | None, list[LoadProblem]]:
    """Parse and validate one TOML file; returns the model or the problems found."""
    try:
        with path.open("rb") as fh:
            data = tomllib.load(fh)
    except tomllib.TOMLDecodeError as exc:
        return None, [LoadProblem(label, f"not valid TOML ({exc})")]
    except (OSError, UnicodeDecodeError) as exc:
        return None, [LoadProblem(label, f"cannot be read ({type(exc).__name__})")]
    try:
        return model.model_validate(data), []
    except ValidationError as exc:
        return None, _describe(exc, data, label)


def _step_shape(item: Item) -> list[tuple[int | None, int | None, list[str]]]:
    return [(s.os_min, s.os_max, sorted(s.platforms)) for s in item.steps]


def _parity(base: Protocol, other: Protocol, label: str) -> list[LoadProblem]:
    """Same id, version, applies_to, items, options, risk tags and step variants as en.toml."""
    if base.id != other.id:
        return [
            LoadProblem(label, f"id {other.id!r} differs from en.toml ({base.id!r})", None, "id")
        ]
    problems = []
    if base.version != other.version:
        problems.append(LoadProblem(label, "version differs from en.toml", None, "version"))
    if base.applies_to != other.applies_to:
        problems.append(LoadProblem(label, "applies_to differs from en.toml", None, "applies_to"))
    return problems + _items_parity(base.items, other.items, label)


def _items_parity(base: list[Item], other: list[Item], label: str) -> list[LoadProblem]:
    mismatch = _first_mismatch([i.id for i in base], [i.id for i in other])
    if mismatch is not None:
        return [LoadProblem(label, mismatch[1], mismatch[0], "id")]
    problems = []
    for a, b in zip(base, other, strict=True):
        if [o.id for o in a.options] != [o.id for o in b.options]:
            problems.append(LoadProblem(label, "option ids differ from en.toml", a.id, "options"))
        else:
            for oa, ob in zip(a.options, b.options, strict=True):
                for name in ("risk_tags", "leave_for_now", "document_first"):
                    mine, theirs = getattr(ob, name), getattr(oa, name)
                    same = set(mine) == set(theirs) if name == "risk_tags" else mine == theirs
                    if not same:
                        where = f"options.{oa.id}.{name}"
                        problems.append(
                            LoadProblem(label, f"{name} differs from en.toml", a.id, where)
                        )
        if set(a.risk_tags) != set(b.risk_tags):
            problems.append(LoadProblem(label, "risk_tags differ from en.toml", a.id, "risk_tags"))
        if _step_shape(a) != _step_shape(b):
            msg = "steps differ from en.toml (number, os_min/os_max or platforms)"
            problems.append(LoadProblem(label, msg, a.id, "steps"))
    return problems


def _first_mismatch(base: list[str], other: list[str]) -> tuple[str, str] | None:
    """(item id, message) for the first place where other's ids differ from en.toml's."""
    for n in range(max(len(base), len(other))):
        mine = other[n] if n < len(other) else None
        theirs = base[n] if n < len(base) else None
        if mine != theirs:
            if mine is None:
                return str(theirs), f"item #{n + 1} of en.toml is missing here"
            if theirs is None:
                return mine, f"item #{n + 1} is not in en.toml"
            return mine, f"item #{n + 1} should be {theirs!r}, as in en.toml"
    return None


def _guide_parity(base: Guide, other: Guide, label: str) -> list[LoadProblem]:
    if base.id != other.id:
        return [
            LoadProblem(label, f"id {other.id!r} differs from en.toml ({base.id!r})", None, "id")
        ]
    mismatch = _first_mismatch([e.id for e in base.entries], [e.id for e in other.entries])
    if mismatch is not None:
        return [LoadProblem(label, mismatch[1].replace("item", "entry"), mismatch[0], "id")]
    return []


def _locale_files(folder: Path, label: str, into: ProtocolSet) -> Iterable[tuple[str, Path]]:
    """The locale files of one folder; anything else is reported, and every locale required."""
    found = set()
    for path in sorted(folder.glob("*.toml")):
        if not _LOCALE.match(path.stem):
            msg = "file name must be a language code, like en.toml or es.toml"
            into.problems.append(LoadProblem(f"{label}/{path.name}", msg))
            continue
        found.add(path.stem)
        yield path.stem, path
    for locale in LOCALES:
        if locale not in found:
            into.problems.append(LoadProblem(f"{label}/{locale}.toml", "missing"))


def load_folder(root: Path, into: ProtocolSet) -> None:
    """Load every protocol folder (and guides/) under root into `into`, overriding by id.

    A root that itself holds en.toml is loaded as one protocol folder.
    """
    if not root.is_dir():
        into.problems.append(LoadProblem(str(root), "is not a folder"))
        return
    if any(root.glob("*.toml")):
        _load_protocol(root, into, set())
        return
    seen: set[str] = set()
    for folder in sorted(p for p in root.iterdir() if p.is_dir()):
        if folder.name == GUIDES_FOLDER:
            _load_guides(folder, into)
        elif folder.name == FINDINGS_FOLDER:
            _load_findings(folder, into)
        elif not folder.name.startswith((".", "_")) and any(folder.glob("*.toml")):
            _load_protocol(folder, into, seen)


def _load_protocol(folder: Path, into: ProtocolSet, seen: set[str]) -> None:
    loaded: dict[str, Protocol] = {}
    for locale, path in _locale_files(folder, folder.name, into):
        proto, problems = load_file(path, Protocol, f"{folder.name}/{path.name}")
        into.problems.extend(problems)
        if proto is not None:
            loaded[locale] = proto
    base = loaded.get("en")
    if base is None:
        if loaded:
            into.problems.append(LoadProblem(f"{folder.name}/en.toml", "broken: protocol skipped"))
        return
    for locale in [k for k in loaded if k != "en"]:
        problems = _parity(base, loaded[locale], f"{folder.name}/{locale}.toml")
        if problems:
            into.problems.extend(problems)
            del loaded[locale]
    label = f"{folder.name}/en.toml"
    if base.id in seen:
        msg = f"id {base.id!r} is already used by another folder: skipped"
        into.problems.append(LoadProblem(label, msg, None, "id"))
        return
    if base.id != folder.name:
        msg = f"id {base.id!r} differs from the folder name"
        into.problems.append(LoadProblem(label, msg, None, "id"))
    seen.add(base.id)
    into.protocols[base.id] = loaded
    into.origin[base.id] = folder


def _load_findings(folder: Path, into: ProtocolSet) -> None:
    loaded: dict[str, PhoneFindings] = {}
    for locale, path in _locale_files(folder, folder.name, into):
        found, problems = load_file(path, PhoneFindings, f"{folder.name}/{path.name}")
        into.problems.extend(problems)
        if found is not None:
            loaded[locale] = found
    base = loaded.get("en")
    if base is None:
        if loaded:
            into.problems.append(LoadProblem(f"{folder.name}/en.toml", "broken: skipped"))
        return
    for locale in [k for k in loaded if k != "en"]:
        problems = _items_parity(base.items, loaded[locale].items, f"{folder.name}/{locale}.toml")
        if base.version != loaded[locale].version:
            problems.append(
                LoadProblem(f"{folder.name}/{locale}.toml", "version differs from en.toml")
            )
        if problems:
            into.problems.extend(problems)
            del loaded[locale]
    into.findings = loaded


def _load_guides(folder: Path, into: ProtocolSet) -> None:
    for guide_folder in sorted(p for p in folder.iterdir() if p.is_dir()):
        prefix = f"{GUIDES_FOLDER}/{guide_folder.name}"
        loaded: dict[str, Guide] = {}
        for locale, path in _locale_files(guide_folder, prefix, into):
            guide, problems = load_file(path, Guide, f"{prefix}/{path.name}")
            into.problems.extend(problems)
            if guide is not None:
                loaded[locale] = guide
        base = loaded.get("en")
        if base is None:
            if loaded:
                into.problems.append(LoadProblem(f"{prefix}/en.toml", "broken: guide skipped"))
            continue
        for locale in [k for k in loaded if k != "en"]:
            problems = _guide_parity(base, loaded[locale], f"{prefix}/{locale}.toml")
            if problems:
                into.problems.extend(problems)
                del loaded[locale]
        into.guides[base.id] = loaded


def load_protocols(extra_dirs: Sequence[Path] = (), *, builtin: bool = True) -> ProtocolSet:
    """The built-in protocols, then each clinic folder in order (later ones win by id)."""
    from clinic.paths import protocols_dir

    result = ProtocolSet()
    if builtin:
        load_folder(protocols_dir(), result)
    for folder in extra_dirs:
        load_folder(Path(folder), result)
    return result
