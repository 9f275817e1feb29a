"""US states and territories by postal code: the jurisdictions a case can be in.

A plain table (not `holidays.US.subdivisions`) so validating a case does not load
the holidays data at startup.
"""

from __future__ import annotations

STATES: dict[str, str] = {
    "AL": "Alabama",
    "AK": "Alaska",
    "AZ": "Arizona",
    "AR": "Arkansas",
    "CA": "California",
    "CO": "Colorado",
    "CT": "Connecticut",
    "DE": "Delaware",
    "DC": "District of Columbia",
    "FL": "Florida",
    "GA": "Georgia",
    "HI": "Hawaii",
    "ID": "Idaho",
    "IL": "Illinois",
    "IN": "Indiana",
    "IA": "Iowa",
    "KS": "Kansas",
    "KY": "Kentucky",
    "LA": "Louisiana",
    "ME": "Maine",
    "MD": "Maryland",
    "MA": "Massachusetts",
    "MI": "Michigan",
    "MN": "Minnesota",
    "MS": "Mississippi",
    "MO": "Missouri",
    "MT": "Montana",
    "NE": "Nebraska",
    "NV": "Nevada",
    "NH": "New Hampshire",
    "NJ": "New Jersey",
    "NM": "New Mexico",
    "NY": "New York",
    "NC": "North Carolina",
    "ND": "North Dakota",
    "OH": "Ohio",
    "OK": "Oklahoma",
    "OR": "Oregon",
    "PA": "Pennsylvania",
    "RI": "Rhode Island",
    "SC": "South Carolina",
    "SD": "South Dakota",
    "TN": "Tennessee",
    "TX": "Texas",
    "UT": "Utah",
    "VT": "Vermont",
    "VA": "Virginia",
    "WA": "Washington",
    "WV": "West Virginia",
    "WI": "Wisconsin",
    "WY": "Wyoming",
    "AS": "American Samoa",
    "GU": "Guam",
    "MP": "Northern Mariana Islands",
    "PR": "Puerto Rico",
    "VI": "U.S. Virgin Islands",
}


_BY_NAME = {name.lower(): code for code, name in STATES.items()}


def normalize_state(value: str) -> str:
    """The upper-case postal code for a code or a full name ("Texas" -> TX).

    Raises ValueError naming the accepted form; an empty value is an error, never a
    default, because the state decides holidays and deadline rules.
    """
    text = " ".join(value.split())
    if not text:
        raise ValueError("is required: the two-letter code of the child's state, such as WA or CA")
    code = text.upper()
    if code in STATES:
        return code
    by_name = _BY_NAME.get(text.lower())
    if by_name:
        return by_name
    raise ValueError(f"{value!r} is not a US state; use two letters such as WA or CA")
