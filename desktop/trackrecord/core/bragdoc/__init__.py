"""The brag document: options in, a document tree out, rendered as Markdown or HTML."""
