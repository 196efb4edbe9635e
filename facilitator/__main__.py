"""The `facilitator` command (the console script) and `python -m facilitator`.

The cycle collector is off from before the first import: a command's imports and its reading of
a long meeting make tens of thousands of objects and no cycles worth a pass, and the passes over
them cost more than a third of the time importing takes. The app turns the collector back on
once its first screen is up (screens/app.py, settle); the shared server, when it starts serving
(cli/shared.py).
"""

import gc


def run() -> None:
    gc.disable()
    from facilitator.cli import run as command

    command()


if __name__ == "__main__":
    run()
