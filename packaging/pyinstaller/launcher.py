"""Entry point of the frozen app: the same ``trackrecord`` command as the wheel installs."""

from trackrecord.cli import main

raise SystemExit(main())
