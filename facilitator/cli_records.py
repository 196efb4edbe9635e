"""`facilitator act` actions for quorum, roles, notes, action items; `minutes`. Placeholder."""
