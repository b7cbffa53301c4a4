"""Small protocol folders written to disk for the protocol tests (not shipped content)."""

from __future__ import annotations

from pathlib import Path

ITEM = """
[[items]]
id = "{item}"
title = "{lang} check {item}"
why = "Someone could reach this without asking."
concern = "A setting the survivor did not choose."
risk_tags = ["notifies-other-person"]
caution = "The other person may notice a change."
survivor_text = "We looked at {item} together."

[[items.steps]]
text = "Open Settings (version 16 and later)."
os_min = 16

[[items.steps]]
text = "Open Settings (before version 16)."
os_max = 15

[[items.steps]]
text = "Ask who set this up."

[[items.options]]
id = "change"
title = "Change it"
detail = "Change the setting after planning."
risk_tags = ["notifies-other-person", "needs-safety-plan", "document-first"]
survivor_text = "You can change it. The other person may notice."

[[items.options]]
id = "leave"
title = "Leave it for now"
detail = "A real choice while a plan is made."
leave_for_now = true
survivor_text = "You can leave it as it is for now."
"""

HEADER = """id = "{pid}"
version = 1
title = "{lang} {title}"
summary = "A sample protocol for tests."

[review]
{review}

[applies_to]
{applies}
"""


def protocol_text(
    pid: str,
    lang: str = "en",
    applies: str = 'platforms = ["ios"]',
    items: tuple[str, ...] = ("first", "second"),
    title: str = "sample",
    review: str = 'status = "draft"',
) -> str:
    head = HEADER.format(pid=pid, lang=lang, applies=applies, title=title, review=review)
    return head + "".join(ITEM.format(item=i, lang=lang) for i in items)


def write_protocol(
    root: Path,
    pid: str,
    applies: str = 'platforms = ["ios"]',
    items: tuple[str, ...] = ("first", "second"),
    title: str = "sample",
    review: str = 'status = "draft"',
) -> Path:
    """A valid protocol folder with en.toml and es.toml."""
    folder = root / pid
    folder.mkdir(parents=True, exist_ok=True)
    for lang in ("en", "es"):
        text = protocol_text(pid, lang, applies, items, title, review)
        (folder / f"{lang}.toml").write_text(text, encoding="utf-8")
    return folder


def write_guide(root: Path, gid: str, entries: tuple[str, ...] = ("one", "two")) -> Path:
    folder = root / "guides" / gid
    folder.mkdir(parents=True, exist_ok=True)
    for lang in ("en", "es"):
        body = f'id = "{gid}"\nversion = 1\ntitle = "{lang} guide"\n'
        body += "".join(f'\n[[entries]]\nid = "{e}"\ntext = "{lang} {e}"\n' for e in entries)
        (folder / f"{lang}.toml").write_text(body, encoding="utf-8")
    return folder


def edit(path: Path, old: str, new: str) -> None:
    """Replace one exact piece of a sample file (the test fails if it is not there)."""
    text = path.read_text(encoding="utf-8")
    assert old in text, old
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
