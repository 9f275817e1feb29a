"""Full screens: the caseload and one case's workspace."""
