"""The rejection log: its service and data, categorising, reframes and practice."""
