"""Sub-commands of the ``trackrecord`` command line, one module per area.

This package's own namespace stays free of imports: ``trackrecord.cli`` reads it on every
start, including the app's, which must not pay for the store's libraries before its window.
"""

EXIT_OK = 0
EXIT_USAGE = 2

# Which module (in this package) registers each top-level sub-command.
COMMANDS: dict[str, str] = {
    "add": "entries", "list": "entries", "show": "entries", "edit": "entries",
    "delete": "entries",
    "backup": "backup", "backups": "backup", "restore": "backup", "check": "backup",
    "export": "export",
    "import": "import_",
    "reframe": "rejections", "rejection": "rejections",
    "review": "review",
    "goal": "goals", "cycle": "goals",
    "capture": "capture", "git-scan": "capture",
}
