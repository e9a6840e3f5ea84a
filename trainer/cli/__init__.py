"""The `trainer` command, assembled from thin commands grouped by who uses them.

Each command parses options and calls down into the layers; nothing here holds logic.
"""

from trainer.cli.audit import audit
from trainer.cli.authoring import preview, validate
from trainer.cli.coordinator import coordinator
from trainer.cli.deadlines import deadline
from trainer.cli.exports import export_command, import_command, report_command, send_xapi
from trainer.cli.learner import run
from trainer.cli.operations import backup, serve, verify
from trainer.cli.reminders import remind
from trainer.cli.root import main
from trainer.cli.roster import invite, roster

for command in (
    run,
    validate,
    preview,
    roster,
    invite,
    coordinator,
    export_command,
    report_command,
    import_command,
    send_xapi,
    backup,
    verify,
    serve,
    audit,
    deadline,
    remind,
):
    main.add_command(command)

__all__ = ["main"]
