"""Turn a pydantic ValidationError into one sentence a parent can act on."""

from __future__ import annotations

from pydantic import ValidationError

_FORMS = {
    "date_from_datetime_parsing": "a date such as 2026-11-02",
    "date_parsing": "a date such as 2026-11-02",
    "date_type": "a date such as 2026-11-02",
    "int_parsing": "a whole number such as 30",
    "int_type": "a whole number such as 30",
    "greater_than_equal": "a number that is not negative",
    "less_than_equal": "a smaller number",
    "string_too_short": "some text (it cannot be empty)",
    "string_too_long": "shorter text",
    "missing": "a value (it is required)",
    "extra_forbidden": "nothing: this field is unknown",
    "bool_parsing": "yes or no",
}


def _field(loc: tuple[object, ...]) -> str:
    parts = [str(p) for p in loc if not isinstance(p, int)]
    return ".".join(parts)


def _limit(kind: str, ctx: dict[str, object]) -> str:
    """The limit a value broke, named with its number ('at most 200 characters')."""
    if kind == "string_too_long":
        return f"at most {_number(ctx.get('max_length'))} characters are accepted"
    if kind == "too_long":
        return f"at most {_number(ctx.get('max_length'))} entries are accepted"
    if kind == "less_than_equal":
        return f"expected a number no larger than {_number(ctx.get('le'))}"
    if kind == "greater_than_equal" and ctx.get("ge") not in (0, None):
        return f"expected a number of at least {_number(ctx.get('ge'))}"
    return ""


def _number(value: object) -> str:
    return f"{value:,}" if isinstance(value, int) else str(value)


def explain(error: ValidationError) -> str:
    """One sentence naming the first bad field and the accepted form."""
    first = error.errors()[0]
    field = _field(tuple(first.get("loc", ())))
    kind = first.get("type", "")
    if kind == "literal_error":
        expected = first.get("ctx", {}).get("expected", "")
        return f"{field}: must be one of {expected}."
    limit = _limit(kind, first.get("ctx") or {})
    if limit:
        return f"{field}: {limit}."
    if kind in _FORMS:
        return f"{field}: expected {_FORMS[kind]}."
    message = str(first.get("msg", "is not valid"))
    message = message.removeprefix("Value error, ").rstrip().removesuffix(".")
    more = len(error.errors()) - 1
    tail = f" ({more} more problem{'s' if more > 1 else ''})" if more else ""
    prefix = f"{field}: " if field else ""
    return f"{prefix}{message}{tail}."
