"""Neutral stand-in answers for a model call that failed past its retries.

The record of an article is written whatever one call does: what code found stays, and
the decisions the failed call would have made take a neutral value ("other", "neutral",
an empty paraphrase), counted in the record's ``failed_calls`` so nobody reads them as
the model's.
"""

from __future__ import annotations

import types
import typing
from typing import Any, Literal, Union

from pydantic import BaseModel

NEUTRAL_CHOICES = ("other", "Other", "neutral", "unknown", "not stated", "unconfirmed")
"""Preferred stand-ins among a field's allowed values, in order."""


def _stand_in(annotation: Any) -> Any:
    origin = typing.get_origin(annotation)
    if origin is Literal:
        options = typing.get_args(annotation)
        return next((o for o in NEUTRAL_CHOICES if o in options), options[0])
    if origin in (Union, types.UnionType):
        options = typing.get_args(annotation)
        return None if type(None) in options else _stand_in(options[0])
    if origin in (list, tuple, set, frozenset):
        return []
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return undecided_answer(annotation)
    if annotation is bool:
        return False
    if annotation in (int, float):
        return 0
    return ""


def undecided_answer(model_type: type[BaseModel]) -> BaseModel:
    """An instance of ``model_type`` with every field at its neutral stand-in (built
    without validation: a stand-in need not meet a field's length limits)."""
    values = {name: _stand_in(field.annotation) for name, field in model_type.model_fields.items()}
    return model_type.model_construct(**values)


def decisions_in(model_type: type[BaseModel]) -> int:
    """How many decisions one answer of ``model_type`` holds: one per candidate field."""
    return len(model_type.model_fields)
