"""The operator screen and its panels: the stack, the speaker's clock, who is present, recent
actions, the meeting bar."""
