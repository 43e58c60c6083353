"""Verified copies of the store: taking, listing, rotating, restoring and recovering."""
