"""Which refusals and informal changes a letter can ask Prior Written Notice of (34 CFR 300.503(a)).

The rule, read 2026-12-06 (govinfo, CFR 2007 title 34 vol. 2 sec. 300.503, and the same text at
edocket.access.gpo.gov): written notice is due "a reasonable time before the public agency (1) Proposes to
initiate or change the identification, evaluation, or educational placement of the child or the provision
of FAPE to the child; or (2) Refuses to initiate or change the identification, evaluation, or educational
placement of the child or the provision of FAPE to the child." It covers those four subjects and nothing
else: not a refusal to send records (that is 300.613) or to hold a meeting.

What the record can tell, and what it cannot:

- An `informal-change` incident is, by the kind's own definition, a service reduced, suspended or changed
  without an IEP meeting: a change in the provision of FAPE made without the notice. Always named.
- A `refusal` linked to a requirement of the IEP (a service, accommodation, support or placement) refused
  something the IEP provides, that is the provision of FAPE (special education and related services in
  conformity with the IEP, 300.17(d)) or the placement. Named.
- A `refusal` linked to no requirement: the record holds only its words, and the kind alone cannot say
  whether it refused an evaluation or a new service (covered) or the service logs or a meeting (not
  covered). Its words are read: phrases about records, logs, reports or copies, and about a meeting, are
  set aside; it is named when what is left names a subject 300.503(a) covers (an evaluation or assessment,
  eligibility or identification, a placement, or a service, support, accommodation, aide, para or therapy,
  or a service by its usual name: speech, OT, PT, occupational, counseling, reading).
  Otherwise it is left out, and `left_out_warnings` tells the user, with how to bring it in (link it to the
  requirement it concerns). This reading of words is a screen, not a legal judgment: it can err either
  way, which is why what it leaves out is always named.
"""

from __future__ import annotations

import re

from iep_tui.domain.models import Incident

_RECORDS = re.compile(
    r"\b(?:[\w'-]+\s+){0,3}(?:logs?|records?|notes|files?|e-?mails?|data|cop(?:y|ies)|reports?|documents?)\b",
    re.IGNORECASE,
)
"""A noun phrase about records (up to three words before the noun: 'the speech service logs')."""

_MEETING = re.compile(r"\b(?:meet(?:s|ing|ings)?|convene[sd]?|conference)\b", re.IGNORECASE)

_COVERED = re.compile(
    r"\b(?:re-?evaluat\w*|evaluat\w*|assess\w*|test(?:ing)? for|eligib\w*|identif\w*|placements?|placed|"
    r"services?|supports?|accommodat\w*|aides?|paras?|paraprofessionals?|paraeducators?|therap\w*|"
    r"instruction|special education|extended school year|ESY|transportation|behavior (?:plan|support)|BIP|"
    r"speech|OT|PT|occupational|counsel\w*|reading)\b",
    re.IGNORECASE,
)


def covers_subject(incident: Incident, informal_change: bool = False) -> bool:
    """True when this refusal or informal change (`informal_change`: the record says it is one) is of a
    subject 300.503(a) covers, as far as the record says (see the module doc)."""
    if informal_change or incident.kind == "informal-change" or incident.requirement_ids:
        return True
    words = _MEETING.sub(" ", _RECORDS.sub(" ", incident.what))
    return _COVERED.search(words) is not None
