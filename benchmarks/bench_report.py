"""Survivor PDF of the large demo case vs bare reportlab building the same paragraphs.

    python benchmarks/bench_report.py

The floor uses reportlab's default font and style and the same paragraph texts (escaped),
with no cleaning, glyph checks, chunking or view model. A second floor uses our embedded
font and 12 pt styles, to show what the typography itself costs. Targets: the export under
1 s, within 2x of the floor.
"""

from __future__ import annotations

import datetime as dt
import io
import statistics
import sys
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

DAY = dt.date(2026, 11, 27)
REPEAT = 15


def _median(fn: Any) -> float:
    """Median of REPEAT runs (machines are noisy; the floor is measured the same way)."""
    times = []
    for _ in range(REPEAT):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def run() -> dict[str, float]:
    from reportlab.lib.styles import getSampleStyleSheet
    from reportlab.platypus import Paragraph, SimpleDocTemplate

    from clinic.protocols.loader import load_protocols
    from clinic.report.export import ExportOptions, build_view, render_pdf
    from clinic.report.referrals import load_directory
    from clinic.report.text import markup
    from clinic.services.demo import generate

    protocols, directory = load_protocols(), load_directory()
    case = generate(seed=1, large=True, today=DAY, protocols=protocols)[-1]
    options = ExportOptions("survivor", created=DAY)
    render_pdf(case, options, protocols, directory)  # warm up: font registration, imports

    view = build_view(case, options, protocols, directory)
    texts = [view.title] + [
        "".join(r.text for r in block.runs)
        for section in view.sections
        for block in [*section.blocks]
    ]
    styles = getSampleStyleSheet()

    def bare() -> None:
        doc = SimpleDocTemplate(io.BytesIO())
        doc.build([Paragraph(markup(t), styles["BodyText"]) for t in texts])

    def bare_same_style() -> None:
        from clinic.report.render import _styles

        ours_styles = _styles()
        story = [
            Paragraph(
                markup("".join(r.text for r in block.runs)),
                ours_styles[block.style],
                bulletText="\u2022" if block.style == "bullet" else None,
            )
            for section in view.sections
            for block in section.blocks
        ]
        SimpleDocTemplate(io.BytesIO()).build(story)

    ours = _median(lambda: render_pdf(case, options, protocols, directory))
    floor = _median(bare)
    result = {"export_s": ours, "bare_reportlab_s": floor, "ratio": ours / floor}
    result["bare_same_style_s"] = _median(bare_same_style)
    pages = render_pdf(case, options, protocols, directory).data.count(b"/Type /Page\n")
    result["paragraphs"] = float(len(texts))
    result["pages"] = float(pages)
    return result


if __name__ == "__main__":
    r = run()
    print(
        f"survivor PDF, large case: {r['export_s']:.3f} s;"
        f" bare reportlab {r['bare_reportlab_s']:.3f} s;"
        f" ratio {r['ratio']:.2f} ({int(r['paragraphs'])} paragraphs, {int(r['pages'])} pages);"
        f" bare reportlab with our font, 12 pt styles and bullets {r['bare_same_style_s']:.3f} s"
    )
