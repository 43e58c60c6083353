"""The application around the pages: start-up, the main window, menus and window state."""
