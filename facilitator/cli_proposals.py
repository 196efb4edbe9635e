"""`facilitator act` actions for proposals, checks and decisions. Placeholder."""
