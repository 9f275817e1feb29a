"""The state educational agency of each state and DC: who takes an IDEA state complaint.

Data, not code: `state_agencies.json` names each agency and, where it was read from the
agency's own pages, its complaint office and address (with the source and the date
read). An entry not yet read is marked `uncertain`; a letter addressed from it says so.
The Texas entry also carries the name Texas gives the IEP meeting (an "ARD committee
meeting", 19 TAC 89.1050(a)).
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import cache
from importlib import resources

DEFAULT_MEETING_NAME = "IEP meeting"


@dataclass(frozen=True)
class StateAgency:
    state: str
    name: str
    complaint_office: str = ""
    complaint_name: str = ""
    address: str = ""
    email: str = ""
    meeting_name: str = DEFAULT_MEETING_NAME
    source: str = ""
    read: str = ""
    uncertain: bool = False


@cache
def _table() -> dict[str, StateAgency]:
    text = resources.files("iep_tui.domain").joinpath("state_agencies.json").read_text("utf-8")
    data = json.loads(text)
    out: dict[str, StateAgency] = {}
    for code, entry in data["agencies"].items():
        fields = {k: v for k, v in entry.items() if k != "note"}
        out[code] = StateAgency(state=code, **fields)
    return out


def state_agency(state: str) -> StateAgency | None:
    """The agency of `state` (postal code), or None for a territory the data does not cover."""
    return _table().get(state.upper())


def meeting_name(state: str) -> str:
    """What the state calls the IEP team's meeting: 'ARD committee meeting' in Texas, else 'IEP meeting'."""
    agency = state_agency(state)
    return agency.meeting_name if agency is not None else DEFAULT_MEETING_NAME


def covered_states() -> tuple[str, ...]:
    return tuple(_table())
