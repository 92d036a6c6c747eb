"""Entry point: ``python -m minping.tally verify export/``."""

from __future__ import annotations

import sys

from minping.tally.cli import main

if __name__ == "__main__":
    sys.exit(main())
