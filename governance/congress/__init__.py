"""The Party congress (issue 10)."""
