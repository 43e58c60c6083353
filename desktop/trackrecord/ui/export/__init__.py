"""The Export page: the brag document's options, preview and export."""
