"""Small widgets and dialogs shared by several pages."""
