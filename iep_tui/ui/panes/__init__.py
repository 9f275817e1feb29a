"""The five tabs of a case: Dashboard, Checklist, Incidents, Escalation, Calendar."""
