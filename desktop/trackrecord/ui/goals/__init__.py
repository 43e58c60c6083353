"""Goals and review cycles: their dialog, and linking an entry to the goals it served."""
