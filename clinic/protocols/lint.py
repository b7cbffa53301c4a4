"""Safety lint for protocol content: what the survivor reads must follow the safety rules.

Survivor-facing texts are an item's title, survivor_text and discreet_text, and an option's
title, survivor_text and discreet_text (they reach the printed summary). The rules:

1. No "is clean/safe/secure" claim, and none of the words that reveal what the clinic is
   about (`clinic.safety_words.DISCREET_WORDS`).
2. Discreet wording (`discreet_text`, or the title where there is none) passes the whole
   discreet list (`discreet_mode_words_in`: also monitoring, tracking, the other person).
3. An option the other person could notice, that cuts off their access, or that erases
   something (delete, remove, reset ...) carries the `document-first` tag, or says
   `document_first = "not-applicable"` with a reason.
4. An item with a noticeable option offers a "leave it for now" option (`leave_for_now`).
5. Risk tags sit on options: an item-level tag that no option carries is an error.
6. Printed text does not claim a step makes something impossible ("cannot", "never",
   "no one can" ...) unless the item or option has `absolute_ok` with a reason.
7. Spanish text follows the glossary (`clinic.protocols.glossary`).

Schema and locale parity are checked by the loader; this adds what a model cannot express.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from clinic.model.vocab import RiskTag
from clinic.protocols.glossary import glossary_problems
from clinic.protocols.loader import LoadProblem, ProtocolSet
from clinic.protocols.schema import Guide, Item, Option, PhoneFindings, Protocol
from clinic.safety_words import (
    discreet_mode_words_in,
    discreet_words_in,
    fold,
    safety_claims_in,
)

# Guides whose entry texts are said to the survivor (the glossary's printed terms apply).
SPOKEN_GUIDES = frozenset({"consent", "safety-check-in", "remote-session"})
NOTICEABLE = frozenset({RiskTag.NOTIFIES_OTHER_PERSON, RiskTag.OTHER_PERSON_LOSES_ACCESS})

# An option whose title starts with a verb that erases, removes or cuts off (folded).
_ERASES = {
    "en": r"delet\w*|eras\w*|clear\w*|remov\w*|uninstall\w*|wip\w*|reset\w*|empty\w*"
    r"|unpair\w*|unplug\w*|revok\w*|cancel\w*|turn\s+off|switch\s+off|stop|sign\s+out"
    r"|unlink\w*|leave\s+(?:the|a|your)\s+(?:group|plan|family|circle|home|account)",
    "es": r"borr\w*|elimin\w*|quit\w*|desinstal\w*|restablec\w*|vaci\w*|desvincul\w*"
    r"|desconect\w*|revoc\w*|cancel\w*|desactiv\w*|apag\w*|dej\w*\s+de|cerrar\s+la\s+sesion"
    r"|salir\s+del?",
}
# Words that claim a step makes something impossible (folded, whole word).
_ABSOLUTE = {
    "en": r"cannot|can't|can\s+not|never|no\s+one|nobody|impossible|no\s+way|nothing\s+can"
    r"|won't\s+be\s+able|will\s+not\s+be\s+able",
    "es": r"no\s+puede\w*|no\s+podra\w*|no\s+pueden|nunca|jamas|nadie|imposible"
    r"|ya\s+no\s+hay\s+forma|de\s+ninguna\s+manera",
}
_ERASES_RE = {k: re.compile(r"^(?:" + v + r")(?!\w)") for k, v in _ERASES.items()}
_ABSOLUTE_RE = {k: re.compile(r"(?<!\w)(?:" + v + r")(?!\w)") for k, v in _ABSOLUTE.items()}


def _lang(file: str) -> str:
    stem = file.rsplit("/", 1)[-1].removesuffix(".toml")
    return "es" if stem.startswith("es") else "en"


def survivor_texts(protocol: Protocol | PhoneFindings) -> Iterator[tuple[str, str, str]]:
    """(item id, field, text) for every text a survivor may read."""
    for item in protocol.items:
        yield from _item_survivor_texts(item)


def _item_survivor_texts(item: Item) -> Iterator[tuple[str, str, str]]:
    yield item.id, "title", item.title
    yield item.id, "survivor_text", item.survivor_text
    if item.discreet_text:
        yield item.id, "discreet_text", item.discreet_text
    for option in item.options:
        yield item.id, f"options.{option.id}.title", option.title
        yield item.id, f"options.{option.id}.survivor_text", option.survivor_text
        if option.discreet_text:
            yield item.id, f"options.{option.id}.discreet_text", option.discreet_text


def _item_all_texts(item: Item) -> Iterator[tuple[str, str, bool]]:
    """(field, text, read by a survivor) for every text of an item."""
    for _id, name, text in _item_survivor_texts(item):
        yield name, text, True
    yield "why", item.why, False
    yield "concern", item.concern, False
    yield "caution", item.caution, False
    for n, step in enumerate(item.steps, 1):  # `text` is a menu path in the phone's words
        yield f"steps.#{n}.remote", step.remote, False
    for option in item.options:
        yield f"options.{option.id}.detail", option.detail, False


def text_problems(text: str) -> list[str]:
    """Why one survivor-facing text breaks the safety rules (empty when it does not)."""
    out = [
        f'claims "{claim}": no check can show that; say what was or was not found'
        for claim in dict.fromkeys(safety_claims_in(text))
    ]
    out.extend(
        f'uses "{word}", which must stay out of what a survivor carries home'
        for word in dict.fromkeys(discreet_words_in(text))
    )
    return out


def discreet_problems(text: str) -> list[str]:
    """Why one discreet wording would break discreet mode (empty when it does not)."""
    return [
        f'uses "{word}", which a discreet copy leaves out: write a neutral discreet_text'
        for word in dict.fromkeys(discreet_mode_words_in(text))
    ]


def absolute_problems(text: str, lang: str) -> list[str]:
    """Printed words that promise a step makes something impossible."""
    found = _ABSOLUTE_RE[lang].findall(fold(text))
    return [
        f'says "{" ".join(word.split())}": no step makes anything impossible; say "harder" or'
        ' "less likely", or set absolute_ok with the reason it is true'
        for word in dict.fromkeys(found)
    ]


def option_problems(item: Item, option: Option, lang: str) -> list[tuple[str, str]]:
    """(field, message) for the rules on one option."""
    out: list[tuple[str, str]] = []
    where = f"options.{option.id}"
    noticeable = bool(NOTICEABLE & set(option.risk_tags))
    erases = not option.leave_for_now and bool(_ERASES_RE[lang].match(fold(option.title)))
    documented = RiskTag.DOCUMENT_FIRST in option.risk_tags or option.document_first is not None
    if (noticeable or erases) and not documented:
        why = "the other person could notice it" if noticeable else "it erases or removes"
        out.append(
            (
                f"{where}.risk_tags",
                f"{why}: add the document-first tag, or document_first ="
                ' "not-applicable" with a document_first_reason',
            )
        )
    if not option.absolute_ok:
        for text_field in ("title", "survivor_text", "discreet_text"):
            for message in absolute_problems(getattr(option, text_field), lang):
                out.append((f"{where}.{text_field}", message))
    for message in discreet_problems(option.discreet_wording()):
        name = "discreet_text" if option.discreet_text else "title"
        out.append((f"{where}.{name}", message))
    return out


def item_problems(item: Item, lang: str) -> list[tuple[str, str]]:
    """(field, message) for the structural, printed-word and glossary rules on one item."""
    out: list[tuple[str, str]] = []
    carried = {tag for option in item.options for tag in option.risk_tags}
    for tag in item.risk_tags:
        if tag not in carried:
            out.append(
                (
                    "risk_tags",
                    f"item tag {tag.value} is on no option: put it on the options that carry it",
                )
            )
    if any(NOTICEABLE & set(o.risk_tags) for o in item.options) and not any(
        o.leave_for_now for o in item.options
    ):
        out.append(
            (
                "options",
                'an option the other person could notice needs a "leave it for now" option'
                " (leave_for_now = true) beside it",
            )
        )
    if not item.absolute_ok:
        for text_field in ("title", "survivor_text", "discreet_text"):
            for message in absolute_problems(getattr(item, text_field), lang):
                out.append((text_field, message))
    for message in discreet_problems(item.discreet_wording()):
        out.append(("discreet_text" if item.discreet_text else "title", message))
    for option in item.options:
        out.extend(option_problems(item, option, lang))
    if lang == "es":
        for name, text, survivor in _item_all_texts(item):
            out.extend((name, m) for m in glossary_problems(text, survivor))
    return out


def lint_protocol(protocol: Protocol | PhoneFindings, file: str) -> list[LoadProblem]:
    """Every safety problem in one locale of one protocol, named by file, item and field."""
    lang = _lang(file)
    problems = [
        LoadProblem(file, message, item_id, field)
        for item_id, field, text in survivor_texts(protocol)
        for message in text_problems(text)
    ]
    for item in protocol.items:
        problems.extend(LoadProblem(file, m, item.id, f) for f, m in item_problems(item, lang))
    return problems


def lint_guide(guide: Guide, file: str) -> list[LoadProblem]:
    """Glossary problems in a Spanish guide (guides are read aloud or shown to volunteers)."""
    if _lang(file) != "es":
        return []
    spoken = guide.id in SPOKEN_GUIDES
    problems: list[LoadProblem] = []
    for entry in guide.entries:
        for name, text in (("text", entry.text), ("hint", entry.hint)):
            survivor = spoken and name == "text"
            problems.extend(
                LoadProblem(file, m, entry.id, name) for m in glossary_problems(text, survivor)
            )
    for name, text in (("title", guide.title), ("intro", guide.intro)):
        problems.extend(LoadProblem(file, m, None, name) for m in glossary_problems(text))
    return problems


def findings_problems(findings: PhoneFindings, file: str) -> list[LoadProblem]:
    """The phone-finding options keep their order: document first, the advocate, leave it
    for now, then the change. A change (noticeable option) is never first or alone."""
    problems = lint_protocol(findings, file)
    for item in findings.items:
        options = item.options
        first = options[0] if options else None
        if first is None or set(first.risk_tags) != {RiskTag.DOCUMENT_FIRST}:
            msg = 'the first option must be the "document first" step (only the document-first tag)'
            problems.append(LoadProblem(file, msg, item.id, "options"))
        if not any(RiskTag.NEEDS_ADVOCATE in o.risk_tags for o in options):
            msg = "needs an option to talk it through with the advocate (needs-advocate)"
            problems.append(LoadProblem(file, msg, item.id, "options"))
        if not any(NOTICEABLE & set(o.risk_tags) for o in options):
            msg = "needs the change itself as an option, with its caution"
            problems.append(LoadProblem(file, msg, item.id, "options"))
    return problems


def lint_set(protocols: ProtocolSet) -> list[LoadProblem]:
    """Every safety problem in every loaded protocol, guide and phone-finding file."""
    problems: list[LoadProblem] = []
    for protocol_id in sorted(protocols.protocols):
        folder = protocols.origin.get(protocol_id)
        name = folder.name if folder is not None else protocol_id
        for locale, protocol in sorted(protocols.protocols[protocol_id].items()):
            problems.extend(lint_protocol(protocol, f"{name}/{locale}.toml"))
    for guide_id in sorted(protocols.guides):
        for locale, guide in sorted(protocols.guides[guide_id].items()):
            problems.extend(lint_guide(guide, f"guides/{guide_id}/{locale}.toml"))
    for locale, findings in sorted(protocols.findings.items()):
        problems.extend(findings_problems(findings, f"phone-findings/{locale}.toml"))
    return problems
