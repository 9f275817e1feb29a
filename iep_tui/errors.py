"""Errors every layer raises and every front end knows how to show.

A leaf module (stdlib only) so the calendar, domain, store and UI can share it
without breaking the downward-only import rule. `exit_code` is what the CLI
returns: 2 for input the user can fix, 1 for everything else.
"""

from __future__ import annotations


class IepError(Exception):
    """Base class: the message is one or two sentences a user can act on."""

    exit_code = 1


class InputError(IepError):
    """Bad input from the user: an invalid date, a malformed frequency, an unknown case."""

    exit_code = 2


class NotFoundError(InputError):
    """A case, requirement or record that the user named does not exist."""


class AmbiguousError(InputError):
    """A name or prefix matched more than one thing; the message lists the candidates."""


class StoreError(IepError):
    """The data file could not be read or written; nothing was changed."""


class CorruptFileError(StoreError):
    """A case file does not parse. It is never overwritten; the message names a backup."""


class NewerSchemaError(StoreError):
    """A file written by a newer iep-tui: refused so that no field is silently dropped."""


class CaseInUseError(StoreError):
    """Another process held the case's lock for too long."""


class ConflictError(StoreError):
    """A record changed since it was read: saving would overwrite someone else's edit."""


class DiskFullError(StoreError):
    """The disk filled up during a save; the original file is untouched."""
