"""iep-tui: track whether an IEP is being implemented, and act on the gaps.

Kept import-free so `python -m iep_tui --help` and the first frame stay fast.
"""

__version__ = "0.1.0"
