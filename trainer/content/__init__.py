"""The course as written by trainers: Markdown + YAML files -> validated pydantic models.

Public entry points: `load_course(path)` and `load_file_for_preview(path)` in
`trainer.content.loader`, `validation_report(result, format)` in `trainer.content.report`, and
the models in `trainer.content.models`. Nothing here touches the store or the UI.
"""
