"""The content studio's rules, in plain Python: post checking, counting, link tagging, the hub.

Nothing here imports Textual or the store: the writing screen, `trainer post check`,
`trainer validate` and the quiz grader all call the same functions.
"""
