"""The Insights page and its charts."""
