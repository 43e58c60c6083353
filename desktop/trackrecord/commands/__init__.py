"""Sub-commands of the ``trackrecord`` command line, one module per area."""
