"""Pathways: study years, titles and the rules that connect them (graph part, route engine)."""
