"""Writes that touch several rows or have side effects: keyword-only, typed, atomic, validating
before saving. Named `<thing>_<verb>`."""
