"""Live sessions: votes, elections, members voting from their own devices, the chair's console."""
