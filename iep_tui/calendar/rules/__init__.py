"""Deadline rules as data, one JSON file per jurisdiction (US and each state sourced)."""
