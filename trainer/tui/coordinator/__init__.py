"""The coordinator dashboard: learners, a learner's record, charts and exports (Textual only)."""
