"""Django's PostgreSQL backend, preparing the statements run inside core.prepared.prepared()."""
