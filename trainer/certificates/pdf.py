"""The one-page A4 certificate as a PDF (fpdf2), with the verification code as a QR code (segno).

Text is set in DejaVu Sans, bundled in `fonts/` with its licence, so Polish letters render
the same on every machine. Every value from people or content passes through `single_line`.
"""

from __future__ import annotations

import datetime as dt
import io
from importlib import resources
from pathlib import Path
from typing import cast

import segno
from fpdf import FPDF

from trainer.certificates.register import IssuedEntry, formatted_code
from trainer.i18n import Translator
from trainer.learning.summary import CompletionSummary
from trainer.plain_text import single_line

FONT = "DejaVuSans"
INK = (33, 37, 41)
MUTED = (95, 99, 104)
ACCENT = (20, 90, 140)


def _font(name: str) -> Path:
    return Path(str(resources.files("trainer.certificates") / "fonts" / name))


def verification_url(public_url: str | None, code: str) -> str | None:
    """`<public url>/verify/<CODE>` when the served app has a public address."""
    if not public_url:
        return None
    return f"{public_url.rstrip('/')}/verify/{formatted_code(code)}"


def local_date(day: dt.date, lang: str) -> str:
    """`2 marca 2026` / `2 March 2026`: a calendar date as the reader writes dates.

    The completion time is taken in UTC, so the date on a certificate does not depend on the
    time zone of the machine that printed it.
    """
    return Translator(lang).date(day)


def certificate_pdf(
    summary: CompletionSummary, entry: IssuedEntry, *, public_url: str | None = None
) -> bytes:
    """The certificate of `summary` (a complete learner) with `entry`'s code."""
    lang = summary.language
    t = Translator(lang)
    safe = single_line
    code = formatted_code(entry.code)
    facts = entry.facts
    assert facts is not None, "a revoked certificate is not printed"
    url = verification_url(public_url, entry.code)

    pdf = FPDF(format="A4", unit="mm")
    pdf.set_title(f"{t('Certificate')} {safe(summary.name)}")
    pdf.set_creator("ambassador-trainer")
    pdf.set_auto_page_break(False)
    pdf.add_font(FONT, "", str(_font("DejaVuSans.ttf")))
    pdf.add_font(FONT, "B", str(_font("DejaVuSans-Bold.ttf")))
    pdf.add_page()
    pdf.set_margins(22, 20, 22)
    width = pdf.w - 44

    pdf.set_draw_color(*ACCENT)
    pdf.set_line_width(0.8)
    pdf.rect(10, 10, pdf.w - 20, pdf.h - 20)

    pdf.set_xy(22, 24)
    pdf.set_text_color(*MUTED)
    pdf.set_font(FONT, "", 11)
    pdf.cell(width, 6, safe(summary.organisation), align="C", new_x="LMARGIN", new_y="NEXT")
    pdf.ln(6)
    pdf.set_text_color(*ACCENT)
    pdf.set_font(FONT, "B", 22)
    pdf.multi_cell(
        width, 10, t("Certificate of completion"), align="C", new_x="LMARGIN", new_y="NEXT"
    )
    pdf.ln(8)
    pdf.set_text_color(*INK)
    pdf.set_font(FONT, "", 12)
    pdf.cell(width, 7, t("Awarded to"), align="C", new_x="LMARGIN", new_y="NEXT")
    pdf.ln(2)
    pdf.set_font(FONT, "B", 20)
    pdf.multi_cell(width, 10, safe(summary.name), align="C", new_x="LMARGIN", new_y="NEXT")
    pdf.ln(2)
    pdf.set_font(FONT, "", 12)
    pdf.cell(width, 7, t("for completing the course"), align="C", new_x="LMARGIN", new_y="NEXT")
    pdf.set_font(FONT, "B", 15)
    pdf.multi_cell(width, 8, safe(summary.course_title), align="C", new_x="LMARGIN", new_y="NEXT")
    pdf.set_font(FONT, "", 12)
    when = local_date(facts.completed_at.date(), lang)
    pdf.cell(width, 8, t("on {date}", date=when), align="C", new_x="LMARGIN", new_y="NEXT")
    pdf.set_text_color(*MUTED)
    pdf.set_font(FONT, "", 9)
    pdf.cell(
        width,
        5,
        t("content version {version}", version=facts.course_version),
        align="C",
        new_x="LMARGIN",
        new_y="NEXT",
    )
    pdf.ln(8)

    _section(pdf, t("Modules"), width)
    for module in summary.modules:
        done = local_date(module.completed_at.date(), lang) if module.completed_at else "-"
        _row(pdf, safe(module.title), done, width)
    if summary.quizzes:
        pdf.ln(3)
        _section(pdf, t("Quizzes"), width)
        for quiz in summary.quizzes:
            score = "-" if quiz.score is None else t.percent(quiz.score)
            verdict = t("{score}, passed", score=score) if quiz.passed else score
            _row(pdf, safe(quiz.title), verdict, width)
    pdf.ln(3)
    _section(pdf, t("Policy accepted"), width)
    policy = summary.policy
    version = t("version {version}", version=safe(facts.policy_version))
    _row(pdf, safe(policy.title), version, width)
    pdf.set_text_color(*MUTED)
    pdf.set_font(FONT, "", 8)
    pdf.cell(width, 5, f"SHA-256 {facts.policy_sha256}", new_x="LMARGIN", new_y="NEXT")

    qr_size = 38
    top = pdf.h - 22 - qr_size
    qr = segno.make_qr(url or code, error="m")  # make() would pick Micro QR, which phones skip
    image = io.BytesIO()
    qr.save(image, kind="png", scale=8, border=2)
    image.seek(0)
    pdf.image(image, x=22, y=top, w=qr_size, h=qr_size)
    pdf.set_xy(22 + qr_size + 6, top + 4)
    text_width = width - qr_size - 6
    pdf.set_text_color(*MUTED)
    pdf.set_font(FONT, "", 10)
    pdf.cell(text_width, 6, t("Verification code"), new_x="LEFT", new_y="NEXT")
    pdf.set_text_color(*INK)
    pdf.set_font(FONT, "B", 18)
    pdf.cell(text_width, 10, code, new_x="LEFT", new_y="NEXT")
    pdf.set_text_color(*MUTED)
    pdf.set_font(FONT, "", 9)
    if url:
        check = t("Check it at {address}", address=url)
    else:
        check = t("Check it with: trainer certificate verify {code}", code=code)
    pdf.multi_cell(text_width, 5, check, new_x="LEFT", new_y="NEXT")
    return bytes(pdf.output())


def _section(pdf: FPDF, title: str, width: float) -> None:
    pdf.set_text_color(*ACCENT)
    pdf.set_font(FONT, "B", 11)
    pdf.cell(width, 7, title, new_x="LMARGIN", new_y="NEXT")
    pdf.set_draw_color(*ACCENT)
    pdf.set_line_width(0.2)
    pdf.line(pdf.l_margin, pdf.get_y(), pdf.l_margin + width, pdf.get_y())
    pdf.ln(1)


def _row(pdf: FPDF, left: str, right: str, width: float) -> None:
    pdf.set_text_color(*INK)
    pdf.set_font(FONT, "", 10)
    right_width = 55
    y = pdf.get_y()
    lines = cast(
        list[str],
        pdf.multi_cell(width - right_width, 5.5, left, align="L", dry_run=True, output="LINES"),
    )
    pdf.multi_cell(width - right_width, 5.5, left, align="L", new_x="RIGHT", new_y="TOP")
    pdf.set_xy(pdf.l_margin + width - right_width, y)
    pdf.cell(right_width, 5.5, right, align="R")
    pdf.set_xy(pdf.l_margin, y + 5.5 * max(1, len(lines)))
