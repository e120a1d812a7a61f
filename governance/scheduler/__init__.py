"""Background jobs, run by `flask scheduler` as its own process (never in web workers)."""
