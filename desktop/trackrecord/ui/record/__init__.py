"""The Track record page: the entry list, its filters and the entry editor."""
