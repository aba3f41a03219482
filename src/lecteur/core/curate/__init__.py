"""Curation, pure: folded terms, the topic profile, the relevance model, reading sessions.

Nothing here touches SQLite, the network or the terminal: `lecteur.core.library.curate`
stores what these functions compute (a score and its reasons per article, the learned
weights, the reader's decisions), and the front ends show it.
"""
