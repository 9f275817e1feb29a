"""Common school replies and what to ask for in response: a small reference as data.

The replies live in `school_arguments.json` next to this module (package data), so
wording can be improved without touching code. The TUI shows them; letters insert
an argument's `letter_paragraph` and its `ask_for` list.
"""

from __future__ import annotations

import json
from functools import lru_cache
from importlib import resources

from pydantic import BaseModel, ConfigDict, Field

from iep_tui.errors import AmbiguousError, NotFoundError

DATA_FILE = "school_arguments.json"


class SchoolArgument(BaseModel):
    """One usual reply from a school and what to ask for in writing."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    id: str = Field(pattern=r"^[a-z][a-z0-9-]+$")
    title: str = Field(min_length=1)
    phrases: tuple[str, ...] = ()
    meaning: str = Field(min_length=1)
    ask_for: tuple[str, ...] = Field(min_length=1)
    citations: tuple[str, ...] = ()
    letter_paragraph: str = Field(min_length=1)


class SchoolArgumentsFile(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    format: str
    version: int
    note: str
    arguments: tuple[SchoolArgument, ...]


@lru_cache(maxsize=1)
def _load() -> SchoolArgumentsFile:
    text = resources.files("iep_tui.domain").joinpath(DATA_FILE).read_text("utf-8")
    data = SchoolArgumentsFile.model_validate(json.loads(text))
    ids = [a.id for a in data.arguments]
    if len(ids) != len(set(ids)):
        raise ValueError(f"{DATA_FILE}: two arguments share an id")
    return data


def school_arguments() -> tuple[SchoolArgument, ...]:
    """Every argument, in the file's order."""
    return _load().arguments


def arguments_note() -> str:
    """The caveat to show beside the reference (practice guidance, not legal advice)."""
    return _load().note


def get_argument(argument_id: str) -> SchoolArgument:
    """An argument by id or unique id prefix."""
    wanted = argument_id.strip().lower()
    arguments = school_arguments()
    exact = [a for a in arguments if a.id == wanted]
    if exact:
        return exact[0]
    matches = [a for a in arguments if a.id.startswith(wanted)] if wanted else []
    if len(matches) == 1:
        return matches[0]
    ids = ", ".join(a.id for a in (matches or arguments))
    if matches:
        raise AmbiguousError(f"{argument_id!r} matches several school arguments: {ids}.")
    raise NotFoundError(f"No school argument {argument_id!r}; known: {ids}.")


def match_arguments(text: str) -> list[SchoolArgument]:
    """The arguments whose phrases occur in what the school said (case-insensitive).

    Best match first: the argument with the most matching phrases, then the file's order.
    """
    said = " ".join(text.lower().split())
    scored: list[tuple[int, int, SchoolArgument]] = []
    for order, argument in enumerate(school_arguments()):
        hits = sum(1 for phrase in argument.phrases if phrase.lower() in said)
        if hits:
            scored.append((-hits, order, argument))
    return [argument for _, _, argument in sorted(scored, key=lambda item: (item[0], item[1]))]
