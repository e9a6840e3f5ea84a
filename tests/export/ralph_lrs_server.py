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

Usage: <ralph-venv>/bin/python ralph_lrs_server.py HOST PORT, with RALPH_APP_DIR (auth.json)
and RALPH_BACKENDS__LRS__FS__DEFAULT_DIRECTORY_PATH (statements) in the environment.
"""

import os
import sys

os.environ.setdefault("RALPH_RUNSERVER_BACKEND", "fs")

from ralph.backends.data.base import BaseOperationType
from ralph.backends.lrs.fs import FSLRSBackend

FSLRSBackend.default_operation_type = BaseOperationType.APPEND

import uvicorn  # noqa: E402

uvicorn.run("ralph.api:app", host=sys.argv[1], port=int(sys.argv[2]), log_level="info")
