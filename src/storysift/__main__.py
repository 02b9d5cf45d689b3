"""`python -m storysift`: the command line, as the `storysift` script runs it."""

import sys

from .cli import main

sys.exit(main())
