"""TinyDB persistence that never loses a case: atomic saves, locks, versions, backups."""
