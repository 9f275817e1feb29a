"""Word letters and plain-text email bodies built from one view of a case."""
