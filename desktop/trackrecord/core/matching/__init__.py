"""Finding the evidence that answers a text: vocabularies, phrases and ranking."""
