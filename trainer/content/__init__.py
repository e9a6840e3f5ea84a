"""The course as written by trainers: Markdown + YAML files -> validated pydantic models.

Public entry points: `load_course(path)` in `trainer.content.loader` and the models in
`trainer.content.models`. Nothing here touches the store or the UI.
"""
