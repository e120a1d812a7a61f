"""Cross-cutting pieces: accounts and roles, access checks, audit chain, API plumbing."""
