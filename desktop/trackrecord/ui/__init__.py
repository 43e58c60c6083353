"""Everything PySide6: the desktop window over the Qt-free core, one package per page
(record, rejections, review, insights, export) plus the shell around them, dialogs for
backups and files, shared widgets and support (background work, autosave).

Views build layouts; controllers own signals and call the core's services.
"""
