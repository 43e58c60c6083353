"""Bringing files in and taking everything out: the import dialog, Export everything."""
