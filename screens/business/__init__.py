"""The business of the meeting: proposals and amendments, temperature checks, the final test, and what is in play."""
