"""The organisation registry: units, their bodies, the members of each body."""
