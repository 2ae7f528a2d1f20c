"""`python -m sotay ...`, the same as the `sotay` command."""

import sys

from sotay.cli import main

sys.exit(main())
