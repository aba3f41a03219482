"""lecteur: a calm terminal reader and curator for advice articles, in French and English."""

__version__ = "0.1.0"
