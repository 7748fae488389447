"""The ``reconcile`` command: :mod:`reconcile.cli.main` parses arguments; each subcommand is a module of its own."""

from .main import main

__all__ = ["main"]
