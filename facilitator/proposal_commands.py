"""Commands for proposals, amendments, temperature checks and decisions. Placeholder."""
