"""Writes that touch several rows or have side effects, one module per area.

Each is a keyword-only, typed function named `<thing>_<verb>`, atomic, validating before saving.
Reads live on the model querysets; access decisions live in `scorecards.access`.
"""
