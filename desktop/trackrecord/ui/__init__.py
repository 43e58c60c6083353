"""Everything PySide6: the desktop window over the Qt-free core.

Modules are flat (no sub-packages) because pyproject lists ``trackrecord.ui`` as a single
package; views build layouts, controllers own signals and logic.
"""
