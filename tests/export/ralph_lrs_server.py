"""Run Ralph's LRS API with its file-system backend appending each batch (Ralph's Python only).

Why this file: Ralph 5.1.0's `fs` LRS backend writes every batch to one file,
`<directory>/fs_lrs.jsonl`, with the file-system data backend's default operation `create`,
which refuses a file that exists ("... already exists and overwrite is not allowed with
operation_type create or index"). The first batch is stored; every later batch with a new
statement gets HTTP 500 "Statements bulk indexation failed". No setting changes that
operation, and the other LRS backends (Elasticsearch, MongoDB, ClickHouse) need a database
server this machine does not have. So the test LRS runs Ralph's own API app, unchanged, with
the file backend's default operation set to `append`, the mode it already implements for
adding to a file. Running uvicorn directly also drops `ralph runserver`'s reloader, which
restarted the server whenever a file changed in its working directory.

The same backend compares the query's `activity` (which Ralph's API turns into its `IRI`
model) with the plain strings of stored statements, so `GET statements?activity=...` finds
nothing; the database backends compare text. The filter is given the IRI's text here.

Usage: <ralph-venv>/bin/python ralph_lrs_server.py HOST PORT, with RALPH_APP_DIR (auth.json)
and RALPH_BACKENDS__LRS__FS__DEFAULT_DIRECTORY_PATH (statements) in the environment.
"""

import os
import sys

os.environ.setdefault("RALPH_RUNSERVER_BACKEND", "fs")

from ralph.backends.data.base import BaseOperationType
from ralph.backends.lrs.fs import FSLRSBackend

FSLRSBackend.default_operation_type = BaseOperationType.APPEND
_filter_by_activity = FSLRSBackend._add_filter_by_activity


def _filter_by_activity_text(filters, object_id, related):  # type: ignore[no-untyped-def]
    _filter_by_activity(filters, None if object_id is None else str(object_id), related)


FSLRSBackend._add_filter_by_activity = staticmethod(_filter_by_activity_text)

import uvicorn  # noqa: E402

uvicorn.run("ralph.api:app", host=sys.argv[1], port=int(sys.argv[2]), log_level="info")
