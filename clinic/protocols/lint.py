"""Safety lint for protocol content: what the survivor reads must follow the safety rules.

Survivor-facing texts are an item's title and survivor_text and an option's title and
survivor_text (they reach the printed summary). They never claim that something "is
clean/safe/secure" and never use the discreet-mode words (`clinic.safety_words`). Schema
and locale parity are checked by the loader; this adds what a model cannot express.
"""

from __future__ import annotations

from collections.abc import Iterator

from clinic.protocols.loader import LoadProblem, ProtocolSet
from clinic.protocols.schema import Protocol
from clinic.safety_words import discreet_words_in, safety_claims_in


def survivor_texts(protocol: Protocol) -> Iterator[tuple[str, str, str]]:
    """(item id, field, text) for every text a survivor may read."""
    for item in protocol.items:
        yield item.id, "title", item.title
        yield item.id, "survivor_text", item.survivor_text
        for option in item.options:
            yield item.id, f"options.{option.id}.title", option.title
            yield item.id, f"options.{option.id}.survivor_text", option.survivor_text


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


def lint_protocol(protocol: Protocol, file: str) -> list[LoadProblem]:
    """Every safety problem in one locale of one protocol, named by file, item and field."""
    return [
        LoadProblem(file, message, item_id, field)
        for item_id, field, text in survivor_texts(protocol)
        for message in text_problems(text)
    ]


def lint_set(protocols: ProtocolSet) -> list[LoadProblem]:
    """Every safety problem in every loaded protocol and locale."""
    problems: list[LoadProblem] = []
    for protocol_id in sorted(protocols.protocols):
        folder = protocols.origin.get(protocol_id)
        name = folder.name if folder is not None else protocol_id
        for locale, protocol in sorted(protocols.protocols[protocol_id].items()):
            problems.extend(lint_protocol(protocol, f"{name}/{locale}.toml"))
    return problems
