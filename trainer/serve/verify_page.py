"""The public `/verify/<CODE>` page of `trainer serve`: is this certificate genuine?

Anyone holding a certificate (an employer, an auditor) scans its QR code or types the address.
The page says valid or not and, only when valid, the name, course and completion date: never
the e-mail, team or scores. It is plain HTML with no script, sent with a strict Content
Security Policy and `noindex`, and never cached (a certificate can be revoked).
"""

from __future__ import annotations

import html
from pathlib import Path
from typing import Any

from aiohttp import web
from textual_serve.server import Server

from trainer.certificates.register import Verification, formatted_code, verify_certificate
from trainer.i18n import Translator, available_languages
from trainer.plain_text import single_line

HEADERS = {
    "Content-Security-Policy": "default-src 'none'; style-src 'unsafe-inline'",
    "Cache-Control": "no-store",
    "X-Robots-Tag": "noindex",
    "Referrer-Policy": "no-referrer",
    "X-Content-Type-Options": "nosniff",
}
STATUS = {"valid": 200, "revoked": 410, "unknown": 404}
STYLE = (
    "body{font-family:'DejaVu Sans',Helvetica,Arial,sans-serif;max-width:34rem;margin:3rem auto;"
    "padding:0 1rem;color:#212529;line-height:1.5}"
    ".verdict{font-size:1.5rem;font-weight:bold;margin:.5rem 0 1rem}"
    ".valid{color:#1e7b45}.invalid{color:#b03a2e}"
    "dt{color:#5f6368;font-size:.9rem}dd{margin:0 0 .8rem;font-size:1.15rem}"
    "code{font-size:1.1rem}"
)


def page_language(query: str | None, accept_language: str, default: str | None) -> str:
    """`?lang=` if we have it, else the browser's first language we have, else the server's."""
    languages = available_languages()
    if query in languages:
        return query
    for part in accept_language.split(","):
        tag = part.split(";")[0].strip().lower().split("-")[0]
        if tag in languages:
            return tag
    return default if default in languages else "pl"


def verify_page(answer: Verification, lang: str) -> tuple[int, str]:
    """HTTP status and page for one verification answer."""
    t = Translator(lang)
    code = formatted_code(answer.code) if len(answer.code) == 12 else answer.code
    title = t("Certificate verification")
    not_valid = t("Not valid")
    if answer.state == "valid" and answer.completed_at is not None:
        rows = [
            (t("Issued to"), answer.name or ""),
            (t("Course"), answer.course_title or ""),
            (t("Completed on"), t.date(answer.completed_at.date())),
        ]
        valid = t("Valid certificate")
        verdict = f'<p class="verdict valid">{_esc(valid)}</p>'
        details = (
            "<dl>" + "".join(f"<dt>{_esc(k)}</dt><dd>{_esc(v)}</dd>" for k, v in rows) + "</dl>"
        )
    elif answer.state == "revoked":
        revoked = t("This certificate has been revoked and is no longer valid.")
        verdict = f'<p class="verdict invalid">{_esc(not_valid)}</p>'
        details = f"<p>{_esc(revoked)}</p>"
    else:
        unknown = t("No certificate with this code was issued here. Check the code for typos.")
        verdict = f'<p class="verdict invalid">{_esc(not_valid)}</p>'
        details = f"<p>{_esc(unknown)}</p>"
    code_label = t("Code")
    code_line = f"<p>{_esc(code_label)}: <code>{_esc(code)}</code></p>"
    page = (
        f'<!DOCTYPE html>\n<html lang="{_esc(lang)}"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        f'<meta name="robots" content="noindex"><title>{_esc(title)}</title>'
        f"<style>{STYLE}</style></head><body><h1>{_esc(title)}</h1>"
        f"{verdict}{details}{code_line}</body></html>\n"
    )
    return STATUS[answer.state], page


def _esc(text: str) -> str:
    return html.escape(single_line(text), quote=True)


class VerifyingServer(Server):
    """textual-serve's server plus the `/verify/{code}` page, read from the data folder."""

    def __init__(self, *args: Any, data_dir: Path, lang: str | None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.data_dir = data_dir
        self.lang = lang

    async def _make_app(self) -> web.Application:
        app: web.Application = await super()._make_app()
        app.router.add_get("/verify/{code}", self.handle_verify, name="verify")
        return app

    async def handle_verify(self, request: web.Request) -> web.Response:
        answer = verify_certificate(self.data_dir, request.match_info["code"][:64])
        lang = page_language(
            request.query.get("lang"), request.headers.get("Accept-Language", ""), self.lang
        )
        status, page = verify_page(answer, lang)
        return web.Response(
            status=status, text=page, content_type="text/html", charset="utf-8", headers=HEADERS
        )
