"""The home page: what each person has to do next, gathered from every domain."""
