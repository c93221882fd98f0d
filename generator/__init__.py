"""Government service guides: registry, checks, figures and site."""
