"""``python -m passerelles`` runs the command line."""

from passerelles.cli.main import main

main()
