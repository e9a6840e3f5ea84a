"""One learner's certificate end to end: register the code, then lay out the PDF.

The learner app, `trainer certificate issue` and tests all go through `certificate_document`,
so a certificate saved by the learner and one issued by a coordinator are the same file.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

from trainer.certificates.pdf import certificate_pdf
from trainer.certificates.register import IssuedEntry, formatted_code, issue_certificate
from trainer.content.models import Course
from trainer.learning.records import LearnerRecord
from trainer.learning.summary import completion_summary


@dataclass(frozen=True)
class CertificateDocument:
    entry: IssuedEntry
    pdf: bytes
    filename: str  # e.g. certificate-anna-7KQ2-M9XD-4HZ1.pdf

    @property
    def code(self) -> str:
        return formatted_code(self.entry.code)


def certificate_language(course: Course, record: LearnerRecord, lang: str | None) -> str:
    """`lang`, else the learner's own language, else the course's default."""
    for candidate in (lang, record.profile.language, course.default_language):
        if candidate in course.config.languages:
            return candidate
    return course.default_language


def certificate_document(
    root: Path,
    course: Course,
    record: LearnerRecord,
    *,
    lang: str | None = None,
    public_url: str | None = None,
    now: dt.datetime | None = None,
) -> CertificateDocument:
    """Issue (or re-issue, same code) and render; `NotCompleteError` if the course is not done."""
    entry = issue_certificate(root, course, record, now=now)
    summary = completion_summary(
        course, record, certificate_language(course, record, lang), now=now
    )
    pdf = certificate_pdf(summary, entry, public_url=public_url)
    filename = f"certificate-{record.profile.learner_id}-{formatted_code(entry.code)}.pdf"
    return CertificateDocument(entry, pdf, filename)
