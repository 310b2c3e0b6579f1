"""``python -m legal_analysis`` runs the command line."""

from .cli import main

main()
