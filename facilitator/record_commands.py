"""Commands for quorum, roles, notes and action items. Placeholder."""
