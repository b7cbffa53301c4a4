"""Matching a snapshot against the indicators, in five groups. No prefix matching, no score.

Each app gets at most one hit, in the first group that applies, carrying every reason as
an evidence line and every source that put it there:

1. "Known stalkerware": the exact package id is in Echap's ioc.yaml (type stalkerware),
   even when the app is also sold for families (the hit says so).
2. "Monitoring or location-sharing app": the id is only in Echap's watchware.yaml or in
   the project's dual-use list: sold openly, can still be used to watch a partner.
3. "Review together": a power the survivor does not recognise (accessibility,
   notification access, device admin or owner), an iPhone profile or supervision, an app
   signed with an enterprise or developer certificate.
4. "Context": an off-store install, device settings, an old security patch, adb keys.
5. "Possible match": case-insensitive id, app name or keyword only.

A group that could not run (no indicator data, a list without powers) is "not checked",
with its reason in `MatchResult.not_checked`; it never reads as "nothing was found".
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from clinic.model.work import Line, PhoneCheckGroup
from clinic.phonecheck import dualuse, texts
from clinic.phonecheck.indicators import IndicatorSet, cert_key, fold_name
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
# Stable finding kinds (protocol data offers Advise options per kind).
KIND_OF_REASON = {
    "known": "known-stalkerware",
    "monitoring": "monitoring-app",
    "power": "review-together",
    "profile": "review-together",
    "signed": "review-together",
    "offstore": "outside-store",
    "device": "context",
    "possible": "possible-match",
}
# Where a hit came from: short source names, kept with the hit.
SRC_IOC = "Echap ioc.yaml"
SRC_WATCH = "Echap watchware.yaml"
SRC_DUAL = dualuse.SOURCE_NAME
SRC_PHONE = "phone"
SRC_NAME = "name or keyword"
PATCH_MAX_AGE = dt.timedelta(days=365)


@dataclass
class Hit:
    group: PhoneCheckGroup
    subject: str
    reason: str
    family: str | None = None
    evidence: list[Line] = field(default_factory=list)
    sources: list[str] = field(default_factory=list)
    name: str | None = None

    @property
    def kind(self) -> str:
        return KIND_OF_REASON[self.reason]


@dataclass
class MatchResult:
    hits: list[Hit]
    apps_checked: int
    names_checked: int
    indicators_version: str
    unavailable: list[str]
    lang: str = "en"
    not_checked: dict[PhoneCheckGroup, str] = field(default_factory=dict)
    notes: dict[PhoneCheckGroup, str] = field(default_factory=dict)
    device: dict[str, str] = field(default_factory=dict)
    sources: list[str] = field(default_factory=list)
    method: str = "package_list"

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
        line: Line,
        family: str | None = None,
        source: str | None = None,
    ) -> Hit:
        hit = self.hits.get(subject)
        if hit is None:
            self.hits[subject] = hit = Hit(group, subject, reason, family)
        elif _RANK[group] < _RANK[hit.group]:
            hit.group, hit.reason, hit.family = group, reason, family or hit.family
        if line and line not in hit.evidence:
            hit.evidence.append(line)
        if source and source not in hit.sources:
            hit.sources.append(source)
        return hit


def match(
    snap: Snapshot,
    indicators: IndicatorSet | None,
    recognised: frozenset[str] = frozenset(),
    lang: str = "en",
    today: dt.date | None = None,
) -> MatchResult:
    """Group every app and setting worth a look. `recognised`: packages the survivor knows."""
    found = _Collector()
    dual = dualuse.index()
    for app in snap.apps.values():
        _match_app(app, indicators, dual, found, lang, snap.method)
    for power in snap.powers:
        if power.package_id in recognised:
            continue
        note = texts.phrase(power.kind)
        found.add("review_together", power.package_id, "power", note, None, SRC_PHONE)
        found.add("review_together", power.package_id, "power", power.evidence)
        holder = snap.apps.get(power.package_id)
        if holder is not None:
            for line in holder.evidence:
                found.add("review_together", power.package_id, "power", line)
    for name in snap.names:
        _match_name(name, indicators, dual, found, lang)
    _device_level(snap, found, lang, today)
    for hit in found.hits.values():
        holder_app = snap.apps.get(hit.subject)
        if holder_app is not None and holder_app.name:
            hit.name = holder_app.name
        if hit.group in texts.EVIDENCE_GROUPS:
            hit.evidence.extend(detail_lines(snap, hit.subject, lang))
    ordered = sorted(found.hits.values(), key=lambda h: (_RANK[h.group], h.subject))
    sources = [s.version() for s in indicators.sources] if indicators else []
    sources.append(dualuse.load().version())
    return MatchResult(
        ordered,
        len(snap.apps),
        len(snap.names),
        indicators.version() if indicators else "",
        list(snap.unavailable),
        lang,
        not_checked(snap, indicators),
        _notes(snap, indicators),
        dict(snap.device),
        sources,
        snap.method,
    )


def not_checked(snap: Snapshot, indicators: IndicatorSet | None) -> dict[PhoneCheckGroup, str]:
    """Groups this check could not run, each with a reason code (texts.NOT_CHECKED)."""
    out: dict[PhoneCheckGroup, str] = {}
    has_ids = bool(snap.apps)
    if snap.method == "app_names":
        out["known_stalkerware"] = "names_only"
    elif indicators is None or not indicators.has("stalkerware"):
        out["known_stalkerware"] = "no_stalkerware_data"
    elif snap.method == "iphone" and not any(
        t == "stalkerware" for fams in indicators.by_bundle.values() for _, t in fams
    ):
        out["known_stalkerware"] = "no_ios_ids"
    if snap.method == "app_names":
        out["monitoring_app"] = "names_only"
    if snap.method in ("package_list", "app_names"):
        out["review_together"] = "list_only"
        if not (has_ids and any(a.installer_known for a in snap.apps.values())):
            out["context"] = "list_only"
    return out


def _notes(snap: Snapshot, indicators: IndicatorSet | None) -> dict[PhoneCheckGroup, str]:
    notes: dict[PhoneCheckGroup, str] = {}
    if snap.method != "app_names" and (indicators is None or not indicators.has("watchware")):
        notes["monitoring_app"] = "no_watchware"
    return notes


def _also_parental(pkg: str, indicators: IndicatorSet, dual: dict[str, dualuse.DualUseApp]) -> bool:
    return pkg in indicators.watch_by_package or pkg in dual


def _match_app(
    app: App,
    indicators: IndicatorSet | None,
    dual: dict[str, dualuse.DualUseApp],
    found: _Collector,
    lang: str,
    method: str,
) -> None:
    pkg = app.package_id
    if indicators is not None:
        families = indicators.by_package.get(pkg)
        by_cert = False
        if not families and app.certificates:
            families = _cert_families(app, indicators, "stalkerware")
            by_cert = bool(families)
        if not families and method == "iphone":
            families = [f for f, t in indicators.by_bundle.get(pkg, []) if t == "stalkerware"]
        if families:
            family = ", ".join(families)
            line: Line = texts.phrase("known", family=family)
            if by_cert:
                sha1 = cert_key(app.certificates[0])
                line = texts.phrase("certificate", family=family, sha1=sha1)
            found.add("known_stalkerware", pkg, "known", line, family, SRC_IOC)
            if _also_parental(pkg, indicators, dual):
                found.add("known_stalkerware", pkg, "known", texts.phrase("also_parental"))
            for line in app.evidence:
                found.add("known_stalkerware", pkg, "known", line)
            return
    watch: list[str] = []
    if indicators is not None:
        watch = list(indicators.watch_by_package.get(pkg, []))
        watch += [f for f, t in indicators.by_bundle.get(pkg, []) if t == "watchware"]
        if not watch and app.certificates:
            watch = _cert_families(app, indicators, "watchware")
    if watch:
        family = ", ".join(dict.fromkeys(watch))
        line = texts.phrase("watchware", family=family)
        found.add("monitoring_app", pkg, "monitoring", line, family, SRC_WATCH)
    if (listed := dual.get(pkg)) is not None:
        line = texts.phrase(f"dual_use_{listed.category}", family=listed.name)
        found.add("monitoring_app", pkg, "monitoring", line, listed.name, SRC_DUAL)
    if watch or listed is not None:
        found.add("monitoring_app", pkg, "monitoring", texts.phrase("sold_openly"))
        for line in app.evidence:
            found.add("monitoring_app", pkg, "monitoring", line)
    if (
        indicators is not None
        and (folded := indicators.by_folded_package.get(pkg.casefold()))
        and pkg not in indicators.by_package
        and pkg not in indicators.watch_by_package
    ):
        family = ", ".join(sorted({f for _, f in folded}))
        line = texts.phrase("folded", family=family)
        found.add("possible_match", pkg, "possible", line, family, SRC_IOC)
    if method == "iphone":
        _iphone_app(app, found, lang)
    elif app.installer_known and app.is_system is False:
        kind = INSTALLERS.get(app.installer or "")
        if kind not in STORES:
            shown = app.installer or "null"
            line = texts.phrase("offstore", installer=shown)
            found.add("context", pkg, "offstore", line, None, SRC_PHONE)
            for line in app.evidence:
                found.add("context", pkg, "offstore", line)
    if keyword_hit(pkg) or (app.name and keyword_hit(app.name)):
        found.add("possible_match", pkg, "possible", texts.phrase("keyword"), None, SRC_NAME)


def _cert_families(app: App, indicators: IndicatorSet, kind: str) -> list[str]:
    out: list[str] = []
    for cert in app.certificates:
        out.extend(f for f, t in indicators.by_cert.get(cert_key(cert), []) if t == kind)
    return list(dict.fromkeys(out))


def _iphone_app(app: App, found: _Collector, lang: str) -> None:
    source = app.source or "app_store"
    if source in ("enterprise", "developer"):
        line = texts.phrase(f"ios_{source}")
        found.add("review_together", app.package_id, "signed", line, None, SRC_PHONE)
    elif source == "testflight":
        line = texts.phrase("ios_testflight")
        found.add("context", app.package_id, "offstore", line, None, SRC_PHONE)


def _match_name(
    name: str,
    indicators: IndicatorSet | None,
    dual: dict[str, dualuse.DualUseApp],
    found: _Collector,
    lang: str,
) -> None:
    families = indicators.by_name.get(fold_name(name)) if indicators else None
    folded = fold_name(name)
    dual_names = {fold_name(a.name): a.name for a in dual.values()}
    watch_names = (
        {fold_name(f.name): f.name for f in indicators.families if f.type == "watchware"}
        if indicators
        else {}
    )
    if families:
        family = ", ".join(families)
        line = texts.phrase("name", family=family)
        found.add("possible_match", name, "possible", line, family, SRC_IOC)
    elif folded in watch_names or folded in dual_names:
        family = watch_names.get(folded) or dual_names[folded]
        line = texts.phrase("name_monitoring", family=family)
        source = SRC_WATCH if folded in watch_names else SRC_DUAL
        found.add("possible_match", name, "possible", line, family, source)
    elif keyword_hit(name):
        found.add("possible_match", name, "possible", texts.phrase("keyword"), None, SRC_NAME)


def detail_lines(snap: Snapshot, pkg: str, lang: str) -> list[Line]:
    """Evidence for the advocate: install and update time, installer, dangerous
    permissions granted, recent use (Android, from dumpsys package and appops)."""
    details = snap.details.get(pkg)
    if details is None:
        return []
    out: list[Line] = []
    info = details.package
    if info is not None:
        if info.first_install or info.last_update:
            first, last = info.first_install or "?", info.last_update or "?"
            out.append(texts.phrase("installed_on", first=first, last=last))
        if info.version:
            out.append(texts.phrase("version", version=info.version))
        out.append(texts.phrase("installer", installer=info.installer or "null"))
        if info.granted:
            what = ", ".join(p.removeprefix("android.permission.") for p in info.granted)
            out.append(texts.phrase("granted", what=what))
    if details.appops:
        used = [f"{op} {when}" for op, mode, when in details.appops if when and mode != "ignore"]
        if used:
            out.append(texts.phrase("used_lately", what="; ".join(dict.fromkeys(used))))
    elif details.appops is not None:
        out.append(texts.phrase("no_recent_use"))
    return out


def _device_level(snap: Snapshot, found: _Collector, lang: str, today: dt.date | None) -> None:
    subject = texts.text("phone_settings", lang, texts.TITLES)
    s = snap.settings
    port = snap.props.get("service.adb.tcp.port")
    checks = (
        (s.get("adb_wifi_enabled") == "1", "wireless_debugging", "adb_wifi_enabled=1"),
        (
            bool(port) and port not in ("-1", "0"),
            "adb_tcp",
            f"service.adb.tcp.port={port}",
        ),
        (s.get("install_non_market_apps") == "1", "unknown_sources", "install_non_market_apps=1"),
        (s.get("package_verifier_enable") == "0", "verifier_off", "package_verifier_enable=0"),
        (len(snap.users) > 1, "extra_users", "users: " + ", ".join(str(u[0]) for u in snap.users)),
    )
    for on, key, raw in checks:
        if on:
            found.add("context", subject, "device", texts.phrase(key), None, SRC_PHONE)
            found.add("context", subject, "device", raw)
    signs = _root_signs(snap)
    line: Line
    if signs:
        line = texts.phrase("root", signs=", ".join(signs))
        found.add("context", subject, "device", line, None, SRC_PHONE)
    patch = snap.device.get("security_patch")
    if patch and today is not None:
        try:
            patched = dt.date.fromisoformat(patch[:10])
        except ValueError:
            patched = None
        if patched is not None and today - patched > PATCH_MAX_AGE:
            line = texts.phrase("old_patch", patch=patch[:10])
            found.add("context", subject, "device", line, None, SRC_PHONE)
    if snap.adb_keys:
        hosts = ", ".join(dict.fromkeys(snap.adb_keys))
        line = texts.phrase("adb_keys", count=str(len(snap.adb_keys)), hosts=hosts)
        found.add("context", subject, "device", line, None, SRC_PHONE)
    flags = snap.flags
    if flags.get("developer_mode"):
        line = texts.phrase("ios_developer_mode")
        found.add("context", subject, "device", line, None, SRC_PHONE)
    if flags.get("supervised"):
        line = texts.phrase("ios_supervised")
        found.add("review_together", subject, "profile", line, None, SRC_PHONE)
    for profile in snap.profiles or []:
        key = "ios_mdm_profile" if profile.mdm else "ios_profile"
        org = f" ({profile.organization})" if profile.organization else ""
        line = texts.phrase(key, name=profile.name + org)
        label = texts.text("profile_subject", lang, texts.TITLES, name=profile.name)
        found.add("review_together", label, "profile", line, None, SRC_PHONE)
        if profile.removal_disallowed:
            found.add("review_together", label, "profile", texts.phrase("ios_profile_locked"))


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
