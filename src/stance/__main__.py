"""``python -m stance`` runs the command line."""
from .cli import cli

cli(prog_name="stance")
