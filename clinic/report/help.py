"""The referrals a case chose, as printed, and the warnings about unconfirmed entries.

A referral names its directory entry; the entry's wording in the case's language wins
over the copy kept in the case. Discreet documents show the neutral label and contact only.
"""

from __future__ import annotations

from clinic import i18n
from clinic.report.view import Block, Context, Run


def referral_blocks(ctx: Context, warnings: list[str], *, survivor: bool) -> list[Block]:
    blocks: list[Block] = []
    for n, ref in enumerate(ctx.case.referrals):
        entry = ctx.directory.get(ref.entry_id)
        src = f"referrals[{n}]"
        if entry is not None:
            label = Run(entry.label(ctx.lang), f"referral directory {entry.id}.neutral_label")
            name = Run(entry.name, f"referral directory {entry.id}.name")
            contact = Run(entry.contact_for(ctx.lang), f"referral directory {entry.id}.contact")
            confirmed = ctx.confirmed.get(entry.id) or entry.verified_on
            if confirmed is None:
                warnings.append(
                    i18n._(
                        "The referral \u201c{name}\u201d has not been confirmed by this clinic;"
                        " check its number before giving it out."
                    ).format(name=entry.name)
                )
        else:
            label = Run(ref.neutral_label, src + ".neutral_label", ref.id)
            name = Run(ref.name, src + ".name", ref.id)
            contact = Run(ref.contact, src + ".contact", ref.id)
            warnings.append(
                i18n._(
                    "The referral \u201c{name}\u201d is not in the referral directory;"
                    " check its number before giving it out."
                ).format(name=ref.name)
            )
        head = label if ctx.discreet else name
        blocks.append(Block((Run(head.text, head.source, head.entity_id, bold=True),), "sub"))
        blocks.append(Block((contact,)))
        if ref.note:
            blocks.append(Block((Run(ref.note, src + ".note", ref.id),)))
        if not survivor and entry is not None:
            when = ctx.confirmed.get(entry.id)
            status = (
                ctx._("Confirmed by the clinic on {date}.").format(date=ctx.date(when))
                if when
                else ctx._("Not yet confirmed by the clinic.")
            )
            blocks.append(Block((Run(status),), "small"))
    if not blocks:
        blocks.append(Block((Run(ctx._("No resources were chosen today.")),)))
    return blocks
