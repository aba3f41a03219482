"""Synthetic French articles for the library benchmark (not a benchmark itself).

A vocabulary of a few thousand French words (real function and content words, then forms
derived from them with French endings), drawn with Zipf-Mandelbrot frequencies so that a
few words are in every article and most are in a few percent of them; plus a long tail of
made-up accented words, a handful per article, so that some words are in only one or two
articles of 100,000 (as names and jargon are in a real library). Everything is seeded:
article ``i`` is the same on every machine and every run.
"""

from __future__ import annotations

import itertools
import random
import re
import unicodedata
import zlib
from datetime import UTC, datetime, timedelta

from lecteur.core.models import Article, Author, Block

FUNCTION_WORDS = """
de la le et les des à en un une du est que pour qui dans par pas au sur ne se plus ce il
sont avec ou son sa ses mais comme on tout nous vous leur être a été fait très aussi bien
où même cette peut elle ils y deux après sans déjà entre encore avant toujours lors là donc
alors chez dont si fois ça ces leurs aux quand lui moins peu trop rien chaque autre autres
tous toute toutes selon depuis pendant vers contre sous parmi certains plusieurs beaucoup
ainsi puis enfin cela ceci celle celui ceux notre votre nos vos mon ma mes ton ta tes soit
""".split()

CONTENT_WORDS = """
travail carrière réseau réseautage entretien emploi salaire poste équipe projet conseil
conseils gestion gestionnaire collègue collègues patron employeur entreprise société métier
compétence compétences expérience formation étude études diplôme université école stage
stagiaire candidat candidature recrutement recruteur curriculum lettre courriel réunion
rencontre événement évènement congrès conférence salon soirée déjeuner café présentation
négociation augmentation promotion évaluation rendement objectif objectifs résultat
résultats stratégie méthode habitude habitudes confiance estime énergie fatigue stress
équilibre santé sommeil repos vacances congé famille enfant enfants parent parents ami amis
amitié relation relations échange échanges discussion conversation question questions
réponse réponses problème problèmes solution solutions idée idées décision décisions
changement changements début fin année années mois semaine semaines jour jours matin soir
heure heures minute minutes temps moment moments vie monde pays ville région Québec
Montréal France Paris Lyon Bruxelles Genève marché économie crise emploi chômage télétravail
bureau maison domicile écran ordinateur téléphone application logiciel outil outils plateforme
profil abonné abonnés publication publications message messages commentaire commentaires
lecteur lectrice article livre auteur auteure journaliste psychologue spécialiste experte
expert coach mentor mentore mentorat accompagnement écoute silence parole voix regard
sourire geste posture timidité introverti introvertie introvertis extraverti personnalité
caractère qualité qualités défaut défauts force forces faiblesse faiblesses erreur erreurs
réussite échec succès peur crainte courage audace patience persévérance curiosité
créativité innovation technologie numérique intelligence données sécurité risque risques
avantage avantages inconvénient inconvénients coût coûts prix budget argent épargne
retraite avenir passé présent histoire récit exemple exemples conseil règle règles
principe principes valeur valeurs culture organisation hiérarchie direction dirigeant
dirigeante cadre cadres employé employée employés salarié salariée salariés travailleur
travailleuse indépendant pigiste client clients fournisseur partenaire partenaires
associé associée clientèle service services produit produits vente ventes achat
communication écriture lecture rédaction courrier note notes dossier dossiers document
rapport bilan agenda calendrier horaire horaires retard avance rythme étape étapes
chemin parcours trajectoire virage tournant départ arrivée retour reconversion transition
démission licenciement embauche intégration accueil bienveillance respect reconnaissance
gratitude merci remerciement cœur œuvre sœur nœud vœu œil bœuf manœuvre
être avoir faire dire pouvoir aller voir savoir vouloir venir falloir devoir croire
trouver donner prendre parler aimer passer mettre demander tenir sembler laisser rester
penser entendre regarder répondre rendre connaître paraître arriver sentir attendre
vivre chercher sortir comprendre porter devenir entrer revenir écrire appeler tomber
commencer suivre montrer partir perdre apprendre ouvrir lire jouer réussir préparer
préférer protéger développer améliorer élaborer négocier présenter écouter proposer
grand grande petit petite nouveau nouvelle jeune vieux vieille bon bonne mauvais
meilleur meilleure premier première dernier dernière seul seule vrai vraie important
importante possible difficile facile simple rapide lent lente fort forte clair claire
personnel personnelle professionnel professionnelle social sociale humain humaine
général générale réel réelle différent différente entier entière libre calme
sérieux sérieuse heureux heureuse précieux précieuse anxieux anxieuse fière fier
discret discrète efficace utile inutile prêt prête complet complète intéressant
""".split()

_SUFFIXES = ("s", "e", "es", "ment", "ement", "tion", "ité", "eur", "euse", "age", "ée",
             "ier", "ière", "ant", "ante", "able", "isme", "iste", "ure", "ais", "ait", "ions",
             "iez", "aient", "èrent", "era", "erait", "é", "ées", "és")
_PREFIXES = ("re", "pré", "dé", "in", "mé", "sur", "sous", "contre", "auto", "co", "en", "dés",
             "ré", "entre")
_SYLLABLES = ("ba bé bè bo bu ca cé co cu ça ço da dé dè do du fa fé fê fo fu ga gé go gu "
              "ja jé jo la lé lè lo lu ma mé mè mo mu na né nè no nu pa pé pè po pu ra ré "
              "rè ro ru sa sé sè so su ta té tè to tu va vé vè vo vu za zé cha ché cho chu "
              "gna gné tra tré trô pla plé bla blé cra cré gra gré fla flé vra vré qua qué "
              "quo tion sion ette elle eau aux oir oire ière ieux euse eur ant ent ond ôt "
              "âge île ûr oû aî où ïe ël ës ço çu œu").split()

FIRST_NAMES = """
Geneviève Hélène Élise Amélie Chloé Léa Zoé Mélanie Valérie Stéphanie Noémie Maëlle Anaïs
Josée Renée Irène Thérèse Béatrice Céline Agnès Frédérique Pénélope Sophie Marie Claire
Isabelle Nathalie Julie Camille Manon Émile François Jérôme Sébastien Benoît Frédéric
Gaétan Rémi Loïc Joël Noël André Théo Léo Étienne Hervé Cédric Aurélien Grégoire Jean
Pierre Luc Marc Paul Louis Nicolas Philippe Antoine Olivier Yves Denis Michel
""".split()
LAST_NAMES = """
Thibodeau Tremblay Gagnon Roy Côté Bouchard Gauthier Morin Lavoie Fortin Gagné Ouellet
Pelletier Bélanger Lévesque Bergeron Leblanc Paquette Girard Simard Boucher Caron Beaulieu
Cloutier Dubé Poirier Fournier Lapointe Leclerc Lefebvre Poulin Thibault St-Pierre Nadeau
Martin Bernard Dubois Durand Lefèvre Mercier Dupont Lambert Bonnet François Martinez
Légaré Desjardins Hébert Champagne Séguin Brière Frénette Lépine Mégret Chênevert
Dorval Marcoux Giroux Vézina Thériault Guérin Bélisle Boisvert Lachapelle Drouin
""".split()
_SITE_A = ("Le Carnet", "La Gazette", "Le Courrier", "L'Écho", "Le Journal", "La Revue",
           "Le Blogue", "Les Cahiers", "La Lettre", "Le Fil", "L'Actualité", "Le Magazine")
_SITE_B = ("Pro", "du Travail", "des Carrières", "RH", "de l'Emploi", "Affaires", "Québec",
           "Montréal", "Lyon", "Numérique", "des Cadres", "du Réseau", "Économie", "Santé",
           "Éducation", "Entrepreneurs", "Société", "Conseil", "Plus", "Hebdo")
TLDS = ("ca", "fr", "be", "ch", "com", "org", "net", "info", "quebec", "paris")

_NOT_WORD = re.compile(r"[^a-z0-9]+")
_AWKWARD = re.compile(r"[eéè][eéè]|[aeiouéè]{3}|ii|ss$|xs$|([a-z])\1\1")


def slug(text: str) -> str:
    folded = unicodedata.normalize("NFKD", text.casefold().replace("œ", "oe"))
    ascii_text = "".join(ch for ch in folded if not unicodedata.combining(ch))
    return _NOT_WORD.sub("-", ascii_text).strip("-")


def build_vocabulary(size: int = 4000, seed: int = 1789) -> list[str]:
    """`size` distinct words in frequency order: function words, content words, derived."""
    rng = random.Random(seed)
    vocab: list[str] = []
    seen: set[str] = set()
    for word in itertools.chain(FUNCTION_WORDS, CONTENT_WORDS):
        if word not in seen:
            seen.add(word)
            vocab.append(word)
    base = [w for w in CONTENT_WORDS if w.isalpha() and len(w) > 3 and w[0].islower()]
    attempts = 0
    while len(vocab) < size and attempts < size * 50:
        attempts += 1
        stem = rng.choice(base)
        stem = stem[:-1] if stem[-1] in "eérs" and rng.random() < 0.7 else stem
        word = stem + rng.choice(_SUFFIXES)
        if rng.random() < 0.3:
            word = rng.choice(_PREFIXES) + word
        if word not in seen and not _AWKWARD.search(word):
            seen.add(word)
            vocab.append(word)
    return vocab


def build_tail(size: int, seed: int = 1848) -> list[str]:
    """`size` distinct made-up accented words (3 or 4 syllables), for the rare tail."""
    rng = random.Random(seed)
    tail: list[str] = []
    seen: set[str] = set()
    while len(tail) < size:
        word = "".join(rng.choice(_SYLLABLES) for _ in range(rng.choice((3, 3, 4))))
        if word not in seen and any(ch in word for ch in "éèêàçôûîïëœâù"):
            seen.add(word)
            tail.append(word)
    return tail


def zipf_cum_weights(n: int, s: float = 1.0, q: float = 2.7) -> list[float]:
    """Cumulative Zipf-Mandelbrot weights 1/(rank + q)^s for ranks 1..n."""
    total, out = 0.0, []
    for rank in range(1, n + 1):
        total += 1.0 / (rank + q) ** s
        out.append(total)
    return out


class Generator:
    """Deterministic article number ``i`` (0-based) of the synthetic library."""

    TARGET_CHARS = 6000
    TAIL_PER_ARTICLE = 8

    def __init__(self, vocab_size: int = 4000, tail_size: int = 300_000) -> None:
        self.vocab = build_vocabulary(vocab_size)
        self.cum = zipf_cum_weights(len(self.vocab))
        self.tail = build_tail(tail_size)
        self.content = [w for w in self.vocab if w not in set(FUNCTION_WORDS)]
        self.content_cum = zipf_cum_weights(len(self.content))
        self.sites = [f"{a} {b}" for a in _SITE_A for b in _SITE_B]
        self.epoch = datetime(2026, 1, 1, tzinfo=UTC)

    def _words(self, rng: random.Random, k: int) -> list[str]:
        return rng.choices(self.vocab, cum_weights=self.cum, k=k)

    def _sentence(self, rng: random.Random, words: list[str]) -> str:
        text = " ".join(words)
        return text[:1].upper() + text[1:] + rng.choice(".....?!")

    def _paragraph(self, rng: random.Random, n_words: int, tail: list[str]) -> str:
        words = self._words(rng, n_words)
        for word in tail:
            words.insert(rng.randrange(len(words) + 1), word)
        sentences, i = [], 0
        while i < len(words):
            step = rng.randint(8, 22)
            chunk = words[i:i + step]
            if len(chunk) > 3 and rng.random() < 0.4:
                chunk[rng.randrange(1, len(chunk) - 1)] += ","
            sentences.append(self._sentence(rng, chunk))
            i += step
        return " ".join(sentences)

    def article(self, i: int) -> tuple[Article, str]:
        """Article number `i` and its added_at timestamp (spread over ten years)."""
        rng = random.Random(i * 7919 + 17)
        title_words = rng.choices(self.content, cum_weights=self.content_cum, k=rng.randint(4, 9))
        title = " ".join(title_words)
        title = title[:1].upper() + title[1:]
        author = Author(f"{rng.choice(FIRST_NAMES)} {rng.choice(LAST_NAMES)}") \
            if rng.random() < 0.85 else None
        site = self.sites[min(int(rng.paretovariate(1.2)) - 1, len(self.sites) - 1)
                          if rng.random() < 0.5 else rng.randrange(len(self.sites))]
        published = self.epoch - timedelta(days=rng.randint(1, 7300))
        added = published + timedelta(days=rng.randint(0, 400), seconds=rng.randint(0, 86399))
        added = min(added, self.epoch - timedelta(seconds=i))
        tail = [rng.choice(self.tail) for _ in range(self.TAIL_PER_ARTICLE)]
        blocks: list[Block] = []
        chars = 0
        while chars < self.TARGET_CHARS:
            roll = rng.random()
            if roll < 0.12 and blocks:
                text = " ".join(rng.choices(self.content, cum_weights=self.content_cum,
                                            k=rng.randint(2, 6)))
                block = Block("heading", text[:1].upper() + text[1:])
            elif roll < 0.2:
                speaker = f"{rng.choice(FIRST_NAMES)} {rng.choice(LAST_NAMES)}" \
                    if rng.random() < 0.7 else None
                text = "« " + self._paragraph(rng, rng.randint(15, 40), []) + " »"
                block = Block("quote", text, speaker=speaker)
            else:
                mine = [tail.pop()] if tail and rng.random() < 0.6 else []
                block = Block("paragraph", self._paragraph(rng, rng.randint(35, 110), mine))
            blocks.append(block)
            chars += len(block.text) + 2
        if tail:
            last = blocks[-1]
            blocks[-1] = Block(last.kind, last.text + " " + " ".join(tail), last.speaker)
        host = f"www.{slug(site)}.{TLDS[zlib.crc32(site.encode()) % len(TLDS)]}"
        url = f"https://{host}/{published:%Y/%m}/{slug(title)[:60]}-{i}"
        article = Article(
            source=url, title=title, blocks=tuple(blocks), url=url,
            date=published.strftime("%Y-%m-%d") if rng.random() < 0.9 else None,
            language="fr", sitename=site, author=author,
            links=tuple(f"https://{host}/{slug(w)}" for w in title_words[:rng.randint(0, 3)]),
        )
        return article, added.strftime("%Y-%m-%dT%H:%M:%SZ")

    def word_rank(self, word: str) -> int:
        return self.vocab.index(word) + 1
