"""`python -m gfmd`: see gfmd/cli.py."""

import gc
import sys

from gfmd.cli import main

code = main()
# A command can leave a whole record's objects (a million for 190 countries) for exit to
# free; frozen, they are freed without the collector walking them first at exit, which
# cost `validate` 0.4 s of its 1.7 s on that record (bench/scale.py).
gc.freeze()
sys.exit(code)
