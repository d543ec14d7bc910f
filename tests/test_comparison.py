from __future__ import annotations

import pytest

from summarizer.finders.actors import acronym, same_actor
from summarizer.report.comparison import ActorIndex


@pytest.mark.parametrize(
    ("a", "b", "same"),
    [
        pytest.param("HTS", "Hayat Tahrir al-Sham", True, id="acronym"),
        pytest.param("Hay\u2019at Tahrir al-Sham", "Hayat Tahrir al-Sham", True, id="spelling"),
        pytest.param("Syrian Arab Army", "SAA", True, id="army_acronym"),
        pytest.param("Syrian National Army", "Syrian Arab Army", False, id="different_armies"),
        pytest.param("HTS", "SDF", False, id="different_acronyms"),
    ],
)
def test_same_actor(a: str, b: str, same: bool) -> None:
    assert same_actor(a, b) is same


def test_acronym_skips_lowercase_particles() -> None:
    assert acronym("Hayat Tahrir al-Sham") == "HTS"


def test_actor_cluster_name_does_not_depend_on_hash_order() -> None:
    index = ActorIndex()
    for name in ["Defense Ministry", "Defense Minister", "HTS", "Hayat Tahrir al-Sham"]:
        index.key(name)
    assert [index.display(k) for k in range(len(index.clusters))] == [
        "Defense Ministry",
        "Hayat Tahrir al-Sham",
    ]
