"""Stage 1, read: input files and web pages into articles, the body told apart from page
furniture, sentences as spans, metadata read from the page, evidence found verbatim.
"""
