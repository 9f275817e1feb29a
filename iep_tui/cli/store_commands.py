"""`iep-tui doctor` and `iep-tui restore` (being built: see the store issue)."""

from __future__ import annotations

import argparse


def register(subparsers: argparse._SubParsersAction) -> None:
    """Adds no command yet; doctor and restore land with the store reliability work."""
