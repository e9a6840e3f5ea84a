"""The `trainer` command, assembled from thin commands grouped by who uses them.

Each command parses options and calls down into the layers; nothing here holds logic.
"""

from trainer.cli.audit import audit
from trainer.cli.authoring import preview, validate
from trainer.cli.certificates import certificate
from trainer.cli.coordinator import coordinator
from trainer.cli.data_requests import learner_requests
from trainer.cli.deadlines import deadline
from trainer.cli.exports import export_command, import_command, report_command, send_xapi
from trainer.cli.forwarding import forward
from trainer.cli.learner import run
from trainer.cli.operations import backup, serve, verify
from trainer.cli.posts import post
from trainer.cli.question_banks import export_gift_command, import_gift_command
from trainer.cli.reminders import remind
from trainer.cli.restore import restore
from trainer.cli.root import main
from trainer.cli.roster import invite, roster
from trainer.cli.scaffolding import new

for command in (
    run,
    validate,
    preview,
    import_gift_command,
    export_gift_command,
    post,
    new,
    roster,
    invite,
    coordinator,
    export_command,
    report_command,
    import_command,
    send_xapi,
    certificate,
    backup,
    restore,
    verify,
    serve,
    audit,
    deadline,
    remind,
    learner_requests,
    forward,
):
    main.add_command(command)

__all__ = ["main"]
