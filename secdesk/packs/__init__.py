"""Meeting packs: the papers of a meeting with its agenda, minutes and actions, as one
bookmarked PDF and as a numbered folder (and zip) for circulation, at one classification level."""
