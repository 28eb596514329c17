"""Background work: ONE loop, run by `roster serve` (unless --no-worker) and `roster worker`.

The loop (``loop.py``) runs periodic jobs; the queue each job works from is a table,
so a process that dies loses nothing. The jobs are listed in ``jobs.py``.
"""
