"""Bulk invitations: a coordinator's spreadsheet of people -> invited learners in the store.

`trainer.roster.sheet` reads and checks the CSV (pure, no store); `trainer.roster.invitation`
applies the checked rows to a data folder, all or nothing unless bad rows are to be skipped.
"""
