"""What ships with the app: the demo assembly (and, later, meeting templates)."""
