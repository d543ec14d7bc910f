"""Stage 6, compare and report: one row per happening across outlets, judged claim pairs,
each outlet's slant, and the ``report.md`` / ``report.html`` pages that show them.
"""
