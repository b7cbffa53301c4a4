"""Matching a snapshot against the indicators, in four groups. No prefix matching, no score.

Each app gets at most one hit, in the first group that applies, carrying every reason as
an evidence line: "Known stalkerware" (exact package id), "Review together" (a power the
survivor does not recognise), "Context" (off-store install, device settings), "Possible
match" (case-insensitive id, app name or keyword only).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from clinic.model.work import PhoneCheckGroup
from clinic.phonecheck import texts
from clinic.phonecheck.indicators import IndicatorSet, fold_name
from clinic.phonecheck.scan import App, Snapshot

# Installer package -> kind of source. Kept as data: a store here is "known".
INSTALLERS: dict[str, str] = {
    "com.android.vending": "play",
    "com.google.android.packageinstaller": "manual",
    "com.android.packageinstaller": "manual",
    "org.fdroid.fdroid": "third_party_store",
    "com.aurora.store": "third_party_store",
    "com.sec.android.app.samsungapps": "oem_store",
    "com.huawei.appmarket": "oem_store",
    "com.amazon.venezia": "oem_store",
    "com.xiaomi.market": "oem_store",
    "com.heytap.market": "oem_store",
    "com.oppo.market": "oem_store",
    "com.vivo.appstore": "oem_store",
}
STORES = frozenset({"play", "third_party_store", "oem_store"})
KEYWORDS = ("spy", "track", "keylog", "cheat", "stalk")
KEYWORD_EXCLUDE = ("anti", "remov", "detect")
ROOT_PACKAGES = frozenset(
    {"com.topjohnwu.magisk", "eu.chainfire.supersu", "me.weishu.kernelsu", "me.bmax.apatch"}
)
_RANK = {g: n for n, g in enumerate(texts.GROUP_ORDER)}


@dataclass
class Hit:
    group: PhoneCheckGroup
    subject: str
    reason: str
    family: str | None = None
    evidence: list[str] = field(default_factory=list)


@dataclass
class MatchResult:
    hits: list[Hit]
    apps_checked: int
    names_checked: int
    indicators_version: str
    unavailable: list[str]
    lang: str = "en"

    def in_group(self, group: PhoneCheckGroup) -> list[Hit]:
        return [h for h in self.hits if h.group == group]


def keyword_hit(value: str) -> bool:
    low = value.lower()
    return any(k in low for k in KEYWORDS) and not any(x in low for x in KEYWORD_EXCLUDE)


class _Collector:
    """One hit per subject, moved up to the first group that applies."""

    def __init__(self) -> None:
        self.hits: dict[str, Hit] = {}

    def add(
        self,
        group: PhoneCheckGroup,
        subject: str,
        reason: str,
        line: str,
        family: str | None = None,
    ) -> None:
        hit = self.hits.get(subject)
        if hit is None:
            self.hits[subject] = hit = Hit(group, subject, reason, family)
        elif _RANK[group] < _RANK[hit.group]:
            hit.group, hit.reason, hit.family = group, reason, family or hit.family
        if line not in hit.evidence:
            hit.evidence.append(line)


def match(
    snap: Snapshot,
    indicators: IndicatorSet | None,
    recognised: frozenset[str] = frozenset(),
    lang: str = "en",
) -> MatchResult:
    """Group every app and setting worth a look. `recognised`: packages the survivor knows."""
    found = _Collector()
    for app in snap.apps.values():
        _match_app(app, indicators, found, lang)
    for power in snap.powers:
        if power.package_id in recognised:
            continue
        note = texts.text(power.kind, lang)
        found.add("review_together", power.package_id, "power", f"{note} {power.evidence}")
        holder = snap.apps.get(power.package_id)
        if holder is not None:
            for line in holder.evidence:
                found.add("review_together", power.package_id, "power", line)
    for name in snap.names:
        _match_name(name, indicators, found, lang)
    _device_level(snap, found, lang)
    ordered = sorted(found.hits.values(), key=lambda h: (_RANK[h.group], h.subject))
    version = indicators.version() if indicators else ""
    return MatchResult(
        ordered, len(snap.apps), len(snap.names), version, list(snap.unavailable), lang
    )


def _match_app(app: App, indicators: IndicatorSet | None, found: _Collector, lang: str) -> None:
    pkg = app.package_id
    if indicators is not None:
        if families := indicators.by_package.get(pkg):
            family = ", ".join(families)
            found.add(
                "known_stalkerware", pkg, "known", texts.text("known", lang, family=family), family
            )
            for line in app.evidence:
                found.add("known_stalkerware", pkg, "known", line, family)
            return
        if folded := indicators.by_folded_package.get(pkg.casefold()):
            family = ", ".join(sorted({f for _, f in folded}))
            found.add(
                "possible_match", pkg, "possible", texts.text("folded", lang, family=family), family
            )
    if app.installer_known and app.is_system is False:
        kind = INSTALLERS.get(app.installer or "")
        if kind not in STORES:
            shown = app.installer or "null"
            found.add("context", pkg, "offstore", texts.text("offstore", lang, installer=shown))
            for line in app.evidence:
                found.add("context", pkg, "offstore", line)
    if keyword_hit(pkg):
        found.add("possible_match", pkg, "possible", texts.text("keyword", lang) + f" ({pkg})")


def _match_name(name: str, indicators: IndicatorSet | None, found: _Collector, lang: str) -> None:
    families = indicators.by_name.get(fold_name(name)) if indicators else None
    if families:
        family = ", ".join(families)
        found.add(
            "possible_match", name, "possible", texts.text("name", lang, family=family), family
        )
    elif keyword_hit(name):
        found.add("possible_match", name, "possible", texts.text("keyword", lang) + f" ({name})")


def _device_level(snap: Snapshot, found: _Collector, lang: str) -> None:
    subject = texts.text("phone_settings", lang, texts.TITLES)
    s = snap.settings
    checks = (
        (s.get("adb_wifi_enabled") == "1", "wireless_debugging", "adb_wifi_enabled=1"),
        (s.get("install_non_market_apps") == "1", "unknown_sources", "install_non_market_apps=1"),
        (s.get("package_verifier_enable") == "0", "verifier_off", "package_verifier_enable=0"),
        (len(snap.users) > 1, "extra_users", "users: " + ", ".join(str(u[0]) for u in snap.users)),
    )
    for on, key, line in checks:
        if on:
            found.add("context", subject, "device", f"{texts.text(key, lang)} {line}")
    signs = _root_signs(snap)
    if signs:
        found.add("context", subject, "device", texts.text("root", lang, signs=", ".join(signs)))


def _root_signs(snap: Snapshot) -> list[str]:
    props = snap.props
    signs = [
        f"{key}={props[key]}"
        for key, bad in (
            ("ro.build.tags", lambda v: "test-keys" in v),
            ("ro.debuggable", lambda v: v == "1"),
            ("ro.secure", lambda v: v == "0"),
            ("ro.boot.verifiedbootstate", lambda v: v in ("orange", "yellow", "red")),
            ("ro.boot.flash.locked", lambda v: v == "0"),
        )
        if props.get(key) and bad(str(props[key]))
    ]
    signs.extend(pkg for pkg in sorted(ROOT_PACKAGES) if pkg in snap.apps)
    return signs
