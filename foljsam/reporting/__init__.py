"""Reporting (issue 7): the annual report to the social committee, the central
office's dashboards, each provider's results, and the import of earlier years'
follow-ups that all of them read."""
