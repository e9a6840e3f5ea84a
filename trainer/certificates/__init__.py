"""Completion certificates anyone can check: a short code bound to the learner's record by an
HMAC with a secret kept in the data folder, a one-page PDF with that code as a QR code, and
the register that `trainer certificate verify` and the served `/verify/CODE` page consult.

No Textual here: the CLI, the learner app and the web page all call these functions.
"""
