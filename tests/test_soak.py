"""A short soak in CI: 100 articles, random server faults, eight at a time."""

from __future__ import annotations

from pathlib import Path

import pytest
from soak import soak

pytestmark = pytest.mark.enable_socket  # loopback only


def test_every_article_ends_as_one_record_or_one_line_and_nothing_is_half_written(
    tmp_path: Path,
) -> None:
    result = soak(tmp_path, count=100, jobs=8, fault_rate=0.15)
    assert result.unaccounted == [] and result.half_written == []
    assert result.records + result.failed == 100
    assert result.records >= 90  # most faults are retried away
    assert result.peak_megabytes < 400
