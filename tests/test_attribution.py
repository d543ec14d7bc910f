"""Voice of a label, read from its sentence: cases taken from the seed articles."""

from __future__ import annotations

import pytest

from summarizer.finders.voice import read_voice, sentence_around

OUTLET, QUOTED = "outlet", "quoted"


@pytest.mark.parametrize(
    ("sentence", "label", "voice"),
    [
        pytest.param(
            "The Islamist rebels in Syria are probably only a few kilometers from Homs.",
            "Islamist rebels",
            OUTLET,
            id="plain-sentence",
        ),
        pytest.param(
            "For its part, the Syrian Defense Ministry said it had fired on \u201cvehicles "
            "and gatherings\u201d of \u201cterrorists\u201d in Hama province.",
            "terrorists",
            QUOTED,
            id="inside-quotation-marks",
        ),
        pytest.param(
            "But the truth remains: this regime is dead,\u201d HTS leader Abu Mohammad "
            "al-Julani said.",
            "regime",
            QUOTED,
            id="quote-opened-in-previous-sentence",
        ),
        pytest.param(
            "According to the Observatory, government troops have also withdrawn from Homs.",
            "government troops",
            QUOTED,
            id="according-to",
        ),
        pytest.param(
            "Syria\u2019s defense minister said in a televised statement late Thursday that "
            "the withdrawal of government forces from Hama was a tactical measure.",
            "government forces",
            QUOTED,
            id="said-in-a-statement-that",
        ),
        pytest.param(
            "Pro-government Sham FM said the insurgents entered Rastan and Talbiseh.",
            "insurgents",
            QUOTED,
            id="said-without-that",
        ),
        pytest.param(
            "After the fall of Hama, opposition activists said that thousands of Homs "
            "residents were seen fleeing.",
            "opposition activists",
            OUTLET,
            id="speaker-before-the-verb",
        ),
        pytest.param(
            "On the way to Homs, the HTS and its allies entered the cities of Rastan and "
            "Talbisseh, the Observatory said.",
            "allies",
            QUOTED,
            id="trailing-speaker",
        ),
        pytest.param(
            "\u201cWe announce the complete liberation of Homs city,\u201d HTS commander "
            "Hassan Abdulghani announced on the rebels\u2019 Telegram channels.",
            "rebels",
            OUTLET,
            id="verb-then-circumstance",
        ),
        pytest.param(
            "HTS extremists take control of Homs, no clashes reported as Syrian army withdraws",
            "HTS extremists",
            OUTLET,
            id="headline-with-reported",
        ),
    ],
)
def test_read_voice(sentence: str, label: str, voice: str) -> None:
    reading = read_voice(sentence, label)
    assert reading is not None
    assert reading.voice == voice


def test_according_to_names_the_source() -> None:
    reading = read_voice(
        "According to the Observatory, government troops have also withdrawn from Homs.",
        "government troops",
    )
    assert reading is not None and reading.source == "the Observatory"


def test_label_missing_from_sentence_is_not_guessed() -> None:
    assert read_voice("Rebels advance on Homs.", "regime") is None


def test_sentence_around_stops_at_sentence_and_line_ends() -> None:
    text = "Rebels advance on Homs\nThe army withdrew. Insurgents entered Rastan. Later news."
    start = text.index("Insurgents")
    assert sentence_around(text, start, start + 10) == "Insurgents entered Rastan."
    assert sentence_around(text, 0, 6) == "Rebels advance on Homs"
    whole = text.index("Insurgents entered Rastan.")
    assert sentence_around(text, whole, whole + 26) == "Insurgents entered Rastan."
