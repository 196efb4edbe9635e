"""The room's view on the wall, and a participant's own view (the projector plus their hands and vote)."""
