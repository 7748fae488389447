"""``python -m reconcile ...`` — the same as the ``reconcile`` command, for when pip's script folder is not on PATH."""

import sys

from .cli.main import main

sys.exit(main())
