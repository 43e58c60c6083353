"""PDF documents drawn with Qt (the brag document, the one-page confidence sheet); used
by the window and the command line alike."""
