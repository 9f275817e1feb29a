"""Pydantic models and pure logic: frequencies, the ledger, escalation, safety.

No file, database, Textual or Word code lives here; every number a user sees is
computed in this layer or in `calendar`, once.
"""
