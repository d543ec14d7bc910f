"""Apart from the run: gold files, scoring against them, intervals, the CI gate, run
history and the error view.
"""
