"""`python -m gfmd`: see gfmd/cli.py."""

import sys

from gfmd.cli import main

sys.exit(main())
