"""Turning a match into case records (PhoneCheck, hits, findings), re-checking stored scans,
and the neutral words a discreet survivor summary uses.

The full app list is stored only with `keep_app_list`; otherwise only the hits and the
device-level setting lines are kept.
"""

from __future__ import annotations

import datetime as dt

from clinic.i18n import N_, translation
from clinic.model import Case, Finding, PhoneCheck, PhoneCheckHit
from clinic.model.text import SHORT_MAX
from clinic.model.work import Line, PhoneCheckGroup, Phrase
from clinic.phonecheck import texts
from clinic.phonecheck.indicators import IndicatorSet
from clinic.phonecheck.matching import _RANK, Hit, MatchResult
from clinic.phonecheck.scan import Snapshot
from clinic.vocabulary import line_text

HEADER = N_("Phone check: {apps} apps and {names} app names checked.")
SOURCE_LINE = N_("Source: {sources}")
DEVICE_LINE = N_("Phone: {device}")
_DEVICE_KEYS = ("name", "model", "os", "security_patch")


def device_line(device: dict[str, str], lang: str = "en") -> str:
    """ "Phone: Pixel 7, Android 14, patch 2026-10-05" (never a serial number or UDID)."""
    tr = translation(lang).gettext
    parts = [device[k] for k in _DEVICE_KEYS[:3] if device.get(k)]
    if patch := device.get("security_patch"):
        parts.append(tr(PATCH_PART).format(patch=patch))
    return tr(DEVICE_LINE).format(device=", ".join(parts)) if parts else ""


PATCH_PART = N_("security patch {patch}")


def short(value: str) -> str:
    """Imported text made fit for a one-line field."""
    flat = " ".join("".join(ch if ch.isprintable() else " " for ch in value).split())
    return (flat[: SHORT_MAX - 1] + "…") if len(flat) > SHORT_MAX else (flat or "?")


def to_records(
    result: MatchResult,
    snap: Snapshot,
    ran_on: dt.date,
    keep_app_list: bool = False,
    device_id: str | None = None,
    visit_id: str | None = None,
) -> tuple[PhoneCheck, list[Finding]]:
    """A PhoneCheck with its hits, and one finding per hit with the evidence behind it."""
    lines: list[Line] = list(snap.setting_lines())
    lines.extend(texts.phrase("could_not_check", what=w) for w in result.unavailable)
    packages = [short(p) for p in [*sorted(snap.apps), *snap.names]] if keep_app_list else []
    hits = [
        PhoneCheckHit(
            group=h.group,
            subject=short(h.subject),
            family=short(h.family) if h.family else None,
            evidence=h.evidence,
            sources=[short(s) for s in h.sources],
            kind=h.kind,
        )
        for h in result.hits
    ]
    check = PhoneCheck(
        visit_id=visit_id,
        device_id=device_id,
        method=snap.method,
        ran_on=ran_on,
        indicators_version=result.indicators_version,
        keep_app_list=keep_app_list,
        packages=packages,
        settings_lines=lines,
        hits=hits,
        not_checked=dict(result.not_checked),
        group_notes=dict(result.notes),
        device={k: short(v) for k, v in result.device.items()},
        sources=list(result.sources),
    )
    findings = [
        _finding(check, record, source, result.lang)
        for record, source in zip(hits, result.hits, strict=True)
    ]
    return check, findings


def coded(reason: str, hit: PhoneCheckHit) -> tuple[str, dict[str, str]]:
    """A phone-check finding's code and parameters (rendered at print time, any language)."""
    params = {"group": str(hit.group), "subject": hit.subject}
    if hit.kind:
        params["kind"] = hit.kind
    if hit.family:
        params["family"] = hit.family
    return f"phone_check.{reason}", params


def _finding(check: PhoneCheck, hit: PhoneCheckHit, source: Hit, lang: str) -> Finding:
    hit.code = source.reason
    code, params = coded(source.reason, hit)
    return Finding(
        visit_id=check.visit_id,
        source="phone_check",
        code=code,
        params=params,
        target_id=check.device_id,
        phone_check_id=check.id,
        phone_check_hit_id=hit.id,
        evidence=list(hit.evidence),
    )


def survivor_wording(case: Case, finding: Finding, lang: str = "en") -> str | None:
    """Neutral words for a phone-check finding ("a monitoring app"); None for other findings."""
    if finding.source != "phone_check":
        return None
    for check in case.phone_checks:
        if check.id == finding.phone_check_id:
            for hit in check.hits:
                if hit.id == finding.phone_check_hit_id:
                    return texts.neutral_wording(hit.group, lang)
    return texts.neutral_wording("possible_match", lang)


def recheck(
    case: Case, indicators: IndicatorSet, lang: str = "en"
) -> tuple[list[PhoneCheck], list[Finding]]:
    """Re-match stored scans after an indicator import: the kept app list, or the hit subjects.

    Returns the phone checks that changed (updated copies) and the findings to save (new
    ones, or existing ones moved to "Known stalkerware").
    """
    changed: list[PhoneCheck] = []
    to_save: list[Finding] = []
    for check in case.phone_checks:
        subjects = list(check.packages) if check.keep_app_list else []
        subjects.extend(h.subject for h in check.hits if h.subject not in subjects)
        updated = check.model_copy(deep=True)
        touched = False
        for subject in subjects:
            families = indicators.by_package.get(subject)
            watch = indicators.watch_by_package.get(subject)
            if not families and not watch:
                continue
            group: PhoneCheckGroup = "known_stalkerware" if families else "monitoring_app"
            hit = next((h for h in updated.hits if h.subject == subject), None)
            if hit is not None and _RANK[hit.group] <= _RANK[group]:
                continue  # already in this group or a higher one
            family = short(", ".join(families or watch or []))
            reason, key = ("known", "known") if families else ("monitoring", "watchware")
            lines: list[Line] = [
                Phrase(code=f"phone_check.evidence.{key}", params={"family": family})
            ]
            if not families:
                lines.append(Phrase(code="phone_check.evidence.sold_openly"))
            source = "Echap ioc.yaml" if families else "Echap watchware.yaml"
            if hit is None:
                hit = PhoneCheckHit(group=group, subject=subject, family=family)
                updated.hits.append(hit)
            hit.group, hit.family = group, family
            hit.kind = "known-stalkerware" if families else "monitoring-app"
            hit.evidence = [*lines, *hit.evidence]
            hit.sources = [source, *[x for x in hit.sources if x != source]]
            to_save.append(_upgrade_finding(case, updated, hit, reason))
            touched = True
        if check.keep_app_list:  # the whole list was re-checked
            done: list[PhoneCheckGroup] = []
            if indicators.has("stalkerware") and check.method != "app_names":
                done.append("known_stalkerware")
            if indicators.has("watchware") and check.method != "app_names":
                done.append("monitoring_app")
            for group_done in done:
                if updated.not_checked.pop(group_done, None) is not None:
                    touched = True
                if updated.group_notes.pop(group_done, None) is not None:
                    touched = True
        if touched:
            updated.indicators_version = indicators.version()
            changed.append(updated)
    return changed, to_save


def _upgrade_finding(case: Case, check: PhoneCheck, hit: PhoneCheckHit, reason: str) -> Finding:
    hit.code = reason
    code, params = coded(reason, hit)
    for finding in case.findings:
        if finding.phone_check_hit_id == hit.id:
            update = {"code": code, "params": params, "title": None, "detail": ""}
            return Finding.model_validate(
                {**finding.model_dump(), **update, "evidence": list(hit.evidence)}
            )
    return Finding(
        visit_id=check.visit_id,
        source="phone_check",
        code=code,
        params=params,
        target_id=check.device_id,
        phone_check_id=check.id,
        phone_check_hit_id=hit.id,
        evidence=list(hit.evidence),
    )


def result_lines(result: MatchResult, lang: str = "en") -> list[str]:
    """The grouped results as text lines (CLI and plain-text views), with the standing notes."""
    tr = translation(lang).gettext
    out = [tr(HEADER).format(apps=result.apps_checked, names=result.names_checked)]
    if device := device_line(result.device, lang):
        out.append(device)
    out.append(result.indicators_version or tr(texts.NO_INDICATORS))
    for group in texts.GROUP_ORDER:
        out.append(texts.group_label(group, lang))
        hits = result.in_group(group)
        if group in result.not_checked:
            out.append("  " + texts.not_checked_line(result.not_checked[group], lang))
        elif not hits:
            out.append("  " + tr(texts.NOTHING_FOUND))
        if note := texts.group_note(result.notes.get(group, ""), lang):
            out.append("  " + note)
        for hit in hits:
            family = f" ({hit.family})" if hit.family else ""
            name = f" - {hit.name}" if hit.name else ""
            out.append(f"  {short(hit.subject)}{name}{family}")
            out.extend(f"    {short(line_text(line, lang))}" for line in hit.evidence)
            if hit.sources:
                out.append("    " + tr(SOURCE_LINE).format(sources=", ".join(hit.sources)))
    out.extend(texts.text("could_not_check", lang, what=w) for w in result.unavailable)
    out.extend(texts.standing_notes(lang))
    return out
