"""Live forwarding of xAPI statements to a Learning Record Store (LRS).

Each saved step writes its statements to an outbox table inside the learner's own file, in the
same locked transaction as the step (`outbox.py`), so nothing acknowledged to a learner is
missing from it. A forwarder (`forwarder.py`, run by `trainer forward` or `trainer serve --lrs`)
delivers the outboxes in batches with retries and backoff, in order per learner, keeping each
statement's deterministic id; its cursor (`state.py`) moves only after the LRS accepted a
batch, and the LRS keeps one statement per id, so a crash or a restart delivers everything
exactly once. Plain Python: no Textual here.
"""
