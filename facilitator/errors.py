"""The two ways things go wrong: the assembly's rules say no, or the disk does."""


class Refused(Exception):
    """A command the rules do not allow. The message is one line, for a person."""


class StoreError(Exception):
    """A meeting file that cannot be read or written safely. One line, names the file."""
