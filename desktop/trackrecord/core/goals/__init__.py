"""Goals (with the entries that served them) and review cycles: data, periods, the service."""
