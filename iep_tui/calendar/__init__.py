"""The school calendar: day kinds, district calendars, deadline rules with citations.

The lowest layer: it imports only the stdlib, pydantic, holidays and icalendar.
"""
