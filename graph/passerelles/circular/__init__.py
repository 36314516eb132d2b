"""Parsing circulaire 7282: its structure (chapters, sections, annexes) and its footnotes."""
