"""Property tests: reading, furniture, metadata and the comparison's readers never raise
on arbitrary input, and every span they give lies inside the text it refers to."""

from __future__ import annotations

from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from summarizer.report.acts import StoryNames, acts_on
from summarizer.text.articles import Article
from summarizer.text.furniture import find_body
from summarizer.text.metadata import read_page_metadata
from summarizer.text.web_page import plain_text, read_web_page

CHARACTERS = st.characters(codec="utf-8", exclude_categories=("Cs",))
WORDS = st.sampled_from([
    "Reuters", "By", "Staff", "Epaper", "Open in App", "date 2025-10-26", "|", "—", "\n",
    "Monday", "12/03/2024", "Dec. 5, 2024", "©", "Copyright 2024 Daily Ledger", "said",
    "captured", "the town of", "Kessra", "fell to", "within 5 km of", "rebels", ":", ".",
])  # fmt: skip
TEXTS = (
    st.text(alphabet=CHARACTERS, max_size=300)
    | st.lists(WORDS, max_size=50).map(" ".join)
    | st.builds(lambda word, n: (word + " ") * n, WORDS, st.integers(1, 3000))  # a huge line
)
TAGS = st.sampled_from(["p", "div", "span", "h1", "li", "script", "style", "a", "nav", "table",
                        "td", "br", "title", "article", "!--"])  # fmt: skip
HTML = st.recursive(
    st.text(alphabet=CHARACTERS, max_size=40) | WORDS,
    lambda inner: st.builds(
        lambda tag, body: f"<{tag}>{body}</{tag}>" if tag != "!--" else f"<!--{body}-->",
        TAGS,
        st.lists(inner, max_size=4).map("".join),
    ),  # fmt: skip
    max_leaves=30,
) | st.text(alphabet=st.sampled_from(list("<>/=\"'&;#xa pdiv")), max_size=200)

FUZZ = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@FUZZ
@given(HTML)
def test_reading_a_web_page_never_raises(html: str) -> None:
    page = read_web_page(html)
    assert isinstance(page.text, str) and "\x00" not in plain_text(html.replace("\x00", ""))


@FUZZ
@given(TEXTS)
def test_furniture_and_metadata_never_raise_and_spans_stay_inside(text: str) -> None:
    body = find_body(text)
    for span in body:
        assert 0 <= span.start < span.end <= len(text)
    article = Article(Path("fuzz.txt"), text, body)
    metadata, sources = read_page_metadata(article)
    for source in sources:
        if source.start is not None:
            assert source.end is not None and 0 <= source.start <= source.end <= len(text)
    if metadata.headline:
        assert metadata.headline in text


@FUZZ
@given(TEXTS)
def test_the_comparison_reads_any_sentence(text: str) -> None:
    for act, targets in acts_on(text, StoryNames(), keep_untargeted=True):
        assert act and all(word in text for target in targets for word in target.split())
