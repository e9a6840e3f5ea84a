"""The `trainer` command, assembled from thin commands grouped by who uses them.

Each command parses options and calls down into the layers; nothing here holds logic.
"""

from trainer.cli.authoring import preview, validate
from trainer.cli.coordinator import coordinator
from trainer.cli.exports import export_command, import_command, report_command, send_xapi
from trainer.cli.forwarding import forward
from trainer.cli.learner import run
from trainer.cli.operations import backup, serve, verify
from trainer.cli.question_banks import export_gift_command, import_gift_command
from trainer.cli.root import main
from trainer.cli.roster import invite, roster

for command in (
    run,
    validate,
    preview,
    import_gift_command,
    export_gift_command,
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
    forward,
):
    main.add_command(command)

__all__ = ["main"]
