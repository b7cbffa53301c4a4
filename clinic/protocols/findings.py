"""Built-in Advise options for phone-check findings, by finding kind.

The options are content (`protocols/phone-findings/<lang>.toml`, one item per kind), so
they pass the same lint as protocol options: document first, talk it through with the
advocate, leave it in place for now, and the change itself with its caution. Removing an
app is never the first or the only option.

Kinds (the phone check's stable `PhoneCheckHit.kind`, clinic.phonecheck.matching):
`known-stalkerware`, `monitoring-app` (a monitoring or location-sharing app sold for
families), `review-together` (an app with strong access), `outside-store` (installed from
outside an app store) and `possible-match` (a name that may match a monitoring app). The
phone check's group and reason names are accepted too (`finding_kind`).
"""

from __future__ import annotations

from functools import cache

from clinic.protocols.loader import ProtocolSet, load_protocols
from clinic.protocols.schema import Item, Option

FINDING_KINDS: tuple[str, ...] = (
    "known-stalkerware",
    "monitoring-app",
    "review-together",
    "outside-store",
    "possible-match",
)
# The phone check's hit groups (clinic.model.work.PhoneCheckGroup) and hit reasons
# (clinic.phonecheck.texts.TITLES keys) mapped onto a finding kind.
ALIASES: dict[str, str] = {
    "known_stalkerware": "known-stalkerware",
    "known": "known-stalkerware",
    "monitoring_app": "monitoring-app",
    "monitoring": "monitoring-app",
    "review_together": "review-together",
    "power": "review-together",
    "profile": "review-together",
    "signed": "review-together",
    "offstore": "outside-store",
    "possible_match": "possible-match",
    "possible": "possible-match",
}


def finding_kind(name: str) -> str | None:
    """The finding kind for a kind id, or a phone-check group or reason name; None if unknown."""
    kind = ALIASES.get(name, name)
    return kind if kind in FINDING_KINDS else None


@cache
def _builtin() -> ProtocolSet:
    return load_protocols()


def phone_finding_item(
    kind: str, lang: str = "en", protocols: ProtocolSet | None = None
) -> Item | None:
    """The content item for one finding kind (title, why, caution, options), in `lang`
    (English when that language is missing); None for an unknown kind."""
    found = finding_kind(kind)
    if found is None:
        return None
    return (protocols or _builtin()).finding_item(found, lang)


def phone_options(
    kind: str, lang: str = "en", protocols: ProtocolSet | None = None
) -> list[Option]:
    """The Advise options for a phone-check finding kind, in order (document first, the
    advocate, leave it for now, then the change). Empty for an unknown kind."""
    item = phone_finding_item(kind, lang, protocols)
    return list(item.options) if item is not None else []
