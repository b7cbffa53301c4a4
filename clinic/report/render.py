"""Draw a report view with reportlab platypus into PDF bytes (nothing touches the disk here).

All text, fixed or typed, goes through clinic.report.text (cleaned, escaped, chunked), so
no run can inject markup, links or images. Metadata is fixed and neutral; the creation date
is the given day at midnight UTC (`invariant` also fixes the document id for tests).
"""

from __future__ import annotations

import datetime as dt
import io
from collections import Counter
from typing import Any

from clinic import i18n
from clinic.report import fonts
from clinic.report.text import has_rtl, markup, prepare, shape, visual_lines
from clinic.report.view import Block, ReportView
from clinic.vocabulary import field_place

_STYLE_CACHE: dict[str, Any] = {}
NEUTRAL_META = {"author": "", "subject": "", "keywords": "", "creator": "", "producer": ""}


def _styles() -> dict[str, Any]:
    if _STYLE_CACHE:
        return _STYLE_CACHE
    from reportlab.lib.colors import HexColor
    from reportlab.lib.styles import ParagraphStyle

    base = ParagraphStyle("body", fontName=fonts.REGULAR, fontSize=12, leading=18, spaceAfter=7)
    _STYLE_CACHE.update(
        body=base,
        title=ParagraphStyle(
            "title", base, fontName=fonts.BOLD, fontSize=22, leading=28, spaceAfter=10
        ),
        heading=ParagraphStyle(
            "heading",
            base,
            fontName=fonts.BOLD,
            fontSize=16,
            leading=21,
            spaceBefore=16,
            spaceAfter=8,
            textColor=HexColor("#1f3a5f"),
            keepWithNext=1,
        ),
        sub=ParagraphStyle("sub", base, spaceBefore=8, spaceAfter=4, keepWithNext=1),
        bullet=ParagraphStyle("bullet", base, leftIndent=20, bulletIndent=6, spaceAfter=5),
        more=ParagraphStyle("more", base, leftIndent=20, spaceAfter=5),
        small=ParagraphStyle("small", base, textColor=HexColor("#444444"), spaceAfter=4),
        quote=ParagraphStyle(
            "quote",
            base,
            leftIndent=20,
            rightIndent=10,
            borderPadding=(4, 6, 4, 8),
            backColor=HexColor("#f2f2f2"),
            spaceBefore=4,
            spaceAfter=10,
        ),
    )
    return _STYLE_CACHE


class _Missing:
    """Counts characters the font lacks, per source, for the export's warnings."""

    def __init__(self) -> None:
        self.by_source: Counter[str] = Counter()


def _paragraphs(block: Block, covered: frozenset[int], missing: _Missing) -> list[Any]:
    from reportlab.platypus import Paragraph

    styles = _styles()
    style = styles[block.style]
    bullet = "\u2022" if block.style == "bullet" else None
    out: list[Any] = []
    current: list[str] = []

    def flush(rtl: bool = False) -> None:
        if not current:
            return
        first = not out
        use = style if first else styles["more" if block.style == "bullet" else block.style]
        if rtl:
            use = _right_aligned(use)
        out.append(Paragraph("".join(current), use, bulletText=bullet if first else None))
        current.clear()

    for run in block.runs:
        rtl = has_rtl(run.text)
        cleaned = prepare(shape(run.text) if rtl else run.text, covered)
        if cleaned.missing:
            missing.by_source[run.source or "fixed text"] += cleaned.missing
        if rtl:
            flush()  # right-to-left text gets its own right-aligned paragraph
        for n, chunk in enumerate(cleaned.chunks):
            if n:
                flush(rtl)
            if rtl:
                font = fonts.BOLD if run.bold else fonts.REGULAR
                chunk = visual_lines(chunk, font, style.fontSize, _width(style))
            text = markup(chunk)
            current.append(f"<b>{text}</b>" if run.bold and text else text)
        if rtl:
            flush(rtl)
    flush()
    return out


FRAME_WIDTH = 6.5 * 72  # letter paper less two one-inch margins


def _width(style: Any) -> float:
    return float(FRAME_WIDTH - style.leftIndent - style.rightIndent) - 2


def _right_aligned(style: Any) -> Any:
    from reportlab.lib.enums import TA_RIGHT
    from reportlab.lib.styles import ParagraphStyle

    key = f"rtl-{style.name}"
    if key not in _STYLE_CACHE:
        _STYLE_CACHE[key] = ParagraphStyle(key, style, alignment=TA_RIGHT)
    return _STYLE_CACHE[key]


def _date_formatter(day: dt.date) -> Any:
    stamp = f"D:{day.year:04d}{day.month:02d}{day.day:02d}000000+00'00'"
    return lambda *_: stamp


def render(
    view: ReportView, created: dt.date, *, invariant: bool = False
) -> tuple[bytes, list[str]]:
    """The PDF bytes and warnings about characters shown as a placeholder."""
    from reportlab.lib.pagesizes import LETTER
    from reportlab.lib.units import inch
    from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer

    covered = fonts.register()
    styles = _styles()
    missing = _Missing()
    story: list[Any] = [Paragraph(markup(view.title), styles["title"])]
    for block in view.banners:
        story.extend(_paragraphs(block, covered, missing))
    story.append(Spacer(1, 6))
    if view.graph is not None:
        story.append(Paragraph(markup(view.graph_heading), styles["heading"]))
        story.append(view.graph)
    for section in view.sections:
        story.append(Paragraph(markup(section.heading), styles["heading"]))
        for block in section.blocks:
            story.extend(_paragraphs(block, covered, missing))

    footer = view.footer
    formatter = _date_formatter(created)

    def on_page(canvas: Any, doc: Any) -> None:
        canvas.setDateFormatter(formatter)
        canvas.saveState()
        canvas.setFont(fonts.REGULAR, 10)
        canvas.setFillGray(0.35)
        canvas.drawString(inch, 0.55 * inch, footer)
        canvas.drawRightString(LETTER[0] - inch, 0.55 * inch, str(doc.page))
        if view.practice_mark:
            canvas.setFont(fonts.BOLD, 11)
            canvas.setFillGray(0.2)
            canvas.drawCentredString(LETTER[0] / 2, LETTER[1] - 0.5 * inch, view.practice_mark)
        canvas.restoreState()

    buf = io.BytesIO()
    doc = SimpleDocTemplate(
        buf,
        pagesize=LETTER,
        leftMargin=inch,
        rightMargin=inch,
        topMargin=0.9 * inch,
        bottomMargin=0.9 * inch,
        title=view.file_stem,
        invariant=1 if invariant else 0,
        lang=view.lang,
        **NEUTRAL_META,
    )
    doc.build(story, onFirstPage=on_page, onLaterPages=on_page)
    message = i18n._(
        "{count} character(s) in {field} cannot be printed with the bundled font;"
        " they show as a placeholder box."
    )
    # Named as the volunteer knows the field ("Advise > Note about this option"), never by
    # its internal name.
    warnings = [
        message.format(count=count, field=field_place(source) or source)
        for source, count in sorted(missing.by_source.items())
    ]
    return buf.getvalue(), warnings
