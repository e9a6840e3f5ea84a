"""`trainer post check` output: `path:line:col: level: message` lines, or JSON for tools."""

from __future__ import annotations

import json
from typing import Literal

from trainer.i18n import Translator
from trainer.plain_text import single_line, terminal_safe
from trainer.posts.findings import PostCheck
from trainer.posts.networks import NETWORK_NAMES

ReportFormat = Literal["text", "json"]


def check_report(check: PostCheck, path: str, lang: str, report_format: ReportFormat) -> str:
    """The whole report in `lang`, safe to print (the draft's text cannot steer the terminal)."""
    if report_format == "json":
        return terminal_safe(
            json.dumps(
                {
                    "path": path,
                    "network": check.network,
                    "lang": check.lang,
                    "ok": check.ok,
                    "length": check.length,
                    "limit": check.limit,
                    "hashtags": check.hashtags,
                    "see_more_at": check.cutoff,
                    "checked_characters": check.checked_characters,
                    "findings": [f.to_dict(lang) for f in check.findings],
                },
                ensure_ascii=False,
                indent=2,
            )
        )
    lines = []
    t = Translator(lang)
    fix_label = t("fix")
    for finding in check.findings:
        lines.append(
            single_line(
                f"{path}:{finding.begin.line}:{finding.begin.col}: {finding.level}: "
                f"{finding.message(lang)}"
            )
        )
        lines.append("    " + single_line(f"{fix_label}: {finding.fix(lang)}"))
    lines.append(summary_line(check, lang))
    return "\n".join(lines)


def summary_line(check: PostCheck, lang: str) -> str:
    levels = [f.level for f in check.findings]
    t = Translator(lang)
    return t(
        "{network}: {length}/{limit} characters, hashtags: {hashtags}; "
        "errors: {errors}, warnings: {warnings}, tips: {tips}",
        network=NETWORK_NAMES[check.network],
        length=check.length,
        limit=check.limit,
        hashtags=check.hashtags,
        errors=levels.count("error"),
        warnings=levels.count("warning"),
        tips=levels.count("tip"),
    )
