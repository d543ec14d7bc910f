"""Stage 5, run: one article down the stack (find, ask, record) and many articles at
once (cache, concurrency, faults, outputs).
"""
