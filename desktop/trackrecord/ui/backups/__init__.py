"""Automatic backups, the backups dialog and recovery at start-up."""
