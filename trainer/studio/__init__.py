"""The content studio above the store: ambassadors' drafts, coordinators' review, figures.

`trainer.posts` holds the pure rules (checker, counting, links); this package ties them to a
learner's record (`drafts`, `ambassador`), to the review queue (`review`) and to reports
(`figures`). No Textual here: the screens under `trainer/tui/` call these functions.
"""
