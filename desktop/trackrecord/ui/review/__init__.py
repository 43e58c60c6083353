"""The Review page: the pre-interview deck, its set-up, practice and full screen."""
