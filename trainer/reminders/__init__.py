"""Reminder e-mails: templates the course owns, one message per learner, a per-learner sent log.

Pure Python (no Textual): `templates` reads `reminders/*.md` from the course, `message` builds
RFC 5322 messages, `sent_log` remembers who was reminded when, `sending` talks SMTP and
writes `.eml` files for a dry run.
"""
