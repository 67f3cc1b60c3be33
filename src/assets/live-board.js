// The live board's canvas (issue 15 §2): drawn on top of the list. Filled in by the next commit.
