"""Recognise page furniture: the lines around an article that are not the article.

Share bars, comment sections, rating widgets, newsletter boxes, related-article lists,
"back to top" links, blog pagination and menus, in French and English. The patterns match
whole short lines only, so a sentence of the article that happens to start with "Share"
or "Partager" is never mistaken for a button.
"""

from __future__ import annotations

import re

_SHORT = 90
_END_MARKERS = re.compile(
    r"^(?:"
    # share bars
    r"(?:partager|share|partagez|diffuser)(?:\s+(?:sur|on|to|this|cet|cette|l['’]article|"
    r"via|par)\b.*|\s*:.*|)"
    r"|email this\b.*|envoyer par courriel\b.*|imprimer|print|tweet(?:er)?"
    # comments
    r"|\d+\s+(?:comments?|commentaires?|réponses?|replies)\b.*"
    r"|(?:commentaires?|comments?|réactions?|discussion)\s*(?:\(\d+\))?\s*:?"
    r"|(?:laisser|laissez|ajouter|écrire|rédiger|publier|leave|post|add|write)\s+"
    r"(?:un\s+|une\s+|a\s+|your\s+)?(?:commentaire|comment|reply|réponse)\b.*"
    r"|(?:no|aucun|pas de)\s+(?:comments?|commentaires?)\b.*"
    r"|your email address will not be published.*|votre adresse (?:e-mail|courriel) ne sera.*"
    # rating widgets and blog footers
    r"|(?:reviewed by|évalué par|évaluée par|noté par)\b.*(?:rating|note)\s*:.*"
    r"|(?:reviewed by|évalué par|évaluée par)\s.+\s(?:on|le)\s.*\d{4}.*"
    r"|(?:rating|note)\s*:\s*\d.*"
    r"|posted by\b.*\bat\b.*|publié par\b.*\bà\s+\d.*"
    r"|(?:labels|tags|étiquettes|mots-clés|mots clés|catégories|categories|filed under)\s*:.*"
    r"|(?:newer|older|previous|next) posts?\b.*"
    r"|(?:article|billet|message)s?\s+(?:précédent|suivant|plus récent|plus ancien)s?\b.*"
    # newsletters
    r"|(?:abonnez-vous|inscrivez-vous|subscribe|sign up|join)\b.*"
    r"(?:infolettre|newsletter|lettre d['’]information|inbox|courriel|briefing|updates?)\b.*"
    r"|(?:recevez|get)\s+(?:nos|notre|our)\b.*(?:infolettre|newsletter|inbox|courriel)\b.*"
    # related and popular articles
    r"|(?:you may also like|you might also like|related(?:\s+(?:articles?|posts?|stories))?|"
    r"read (?:also|more|next)|more from\b.*|à lire aussi|lire aussi|à lire également|"
    r"sur le même sujet|dans la même rubrique|articles?\s+(?:populaires|similaires|connexes|"
    r"récents|liés)|popular posts|most read|les plus lus)\s*:?"
    # back to top
    r"|(?:back to top|retour en haut(?:\s+de\s+la\s+page)?|haut de page)\s*[↑^]?"
    r")\s*[.!]?$",
    re.IGNORECASE,
)
# A footer that thanks the reader and asks them to share or subscribe, at any length.
_THANKS = re.compile(r"^(?:thanks? (?:you )?for reading|merci (?:de|d['’]|pour)\s*"
                     r"(?:m['’]avoir lu|nous avoir lus?|votre lecture|(?:la|cette) lecture|"
                     r"avoir lu))\b", re.IGNORECASE)
# The text a review or rating widget leaves in a copied page: "… Reviewed by NAME on . …
# Rating: 0", whatever comes before it on the line.
_RATING = re.compile(r"\b(?:reviewed by|évaluée? par|notée? par)\b.*\b(?:rating|note)\s*:\s*\d"
                     r"|\brating\s*:\s*\d+(?:[.,]\d+)?\s*$", re.IGNORECASE)
_NAV_WORDS = frozenset(
    ["menu", "accueil", "home", "rechercher", "search", "recherche", "connexion",
     "se connecter", "log in", "login", "sign in", "skip to content", "aller au contenu",
     "navigation", "s'abonner", "subscribe", "contact", "à propos", "about"]
)
_SEPARATED = re.compile(r"\S\s*(?:[>›/|·•»]|\s{2,})\s*\S")
_READ_TIME = re.compile(r"^\d+\s*(?:min(?:ute)?s?|minutes? de lecture)\b.*$", re.IGNORECASE)


_WIDGET_LABELS = frozenset(
    ["quick read", "key takeaway", "key takeaways", "in short", "in brief", "summary", "tl;dr",
     "tldr", "at a glance", "en bref", "l'essentiel", "l’essentiel", "à retenir", "résumé",
     "en résumé", "ce qu'il faut retenir", "ce qu’il faut retenir"]
)


def is_widget_label(line: str) -> bool:
    """The label of a box that repeats the lead or sums the piece up ("Key takeaway")."""
    return line.strip().strip("#*_:— ").strip().lower() in _WIDGET_LABELS


def is_end_marker(line: str) -> bool:
    """A short line that can only be page furniture after (or around) an article body, or
    a "Thanks for reading! Share this post…" footer of any length."""
    line = line.strip().strip("#*_ ").strip()
    return (len(line) <= _SHORT and bool(_END_MARKERS.match(line))) or bool(_THANKS.match(line))


def is_rating_widget(line: str) -> bool:
    """A line carrying a rating widget's text ("… Reviewed by Jane Roe on . Rating: 0")."""
    return bool(_RATING.search(line))


def is_nav_line(line: str) -> bool:
    """A menu, breadcrumb or "5 min read" line from the top of a page."""
    stripped = line.strip().strip("#*_ ").strip()
    if not stripped:
        return False
    if stripped.lower() in _NAV_WORDS or _READ_TIME.match(stripped):
        return True
    pieces = re.split(r"\s*(?:[>›/|·•»]|\s{2,})\s*", stripped)
    return (
        len(stripped) < 80
        and len(pieces) >= 2
        and bool(_SEPARATED.search(stripped))
        and not stripped.endswith((".", "!", "?", ":"))
        and all(len(piece.split()) <= 3 for piece in pieces)
    )


def is_junk(line: str) -> bool:
    """Either kind of furniture."""
    return is_end_marker(line) or is_nav_line(line)
