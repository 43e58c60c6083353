"""Getting data in and out as files: importers, the JSON backup, writing exports."""
