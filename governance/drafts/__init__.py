"""Drafts: working regulations, programmes, plans and draft resolutions, from first text to
the adopted version (issue 8)."""
