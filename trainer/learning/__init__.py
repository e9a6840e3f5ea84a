"""Pure rules of the course: navigation, prerequisites, grading, attempts, policy, completion.

No I/O and no UI: functions take content models and learner records and return new values.
"""
