"""Quotations and their speakers, shape by shape (sentences written for these tests).

Each table is one shape the reading model and issue 9 list; every row is a small article
as lecteur's blocks (or a small HTML page) with the quotation it must find and who said
it. The rules live in lecteur.core.extract (quotations, passages, attribution, voices,
speakers, signatures).
"""

from __future__ import annotations

import lxml.html
import pytest

from lecteur.core.extract.attribution import parse
from lecteur.core.extract.html import extract_html, extract_text
from lecteur.core.extract.page import draw_q_marks, mark_q_elements
from lecteur.core.extract.quotations import attribute
from lecteur.core.extract.signatures import is_callout, signature
from lecteur.core.extract.speakers import Cast, find_names
from lecteur.core.extract.verbs import verb_pattern
from lecteur.core.models import Article, Block

INTRO = ("Les réseaux professionnels se construisent lentement, et les personnes que nous "
         "avons rencontrées le savent bien.")


def quotes(*paragraphs: str) -> list[Block]:
    """The quote blocks `attribute` finds in these paragraphs."""
    blocks = [Block("heading", p[2:]) if p.startswith("# ") else Block("paragraph", p)
              for p in paragraphs]
    return [b for b in attribute(blocks) if b.kind == "quote"]


def only(*paragraphs: str) -> Block:
    found = quotes(*paragraphs)
    assert len(found) == 1, [b.text for b in found]
    return found[0]


# --- attribution after the quotation: verbs, tenses, word orders ------------------------

SAID_AFTER = [
    ("“Nobody reads a cold email twice,” said Joseph Schwieterman, a transportation expert "
     "and professor at a university in a large city where he has taught for years.",
     "Joseph Schwieterman"),
    ("“Nobody reads a cold email twice,” Marta Kowalczyk says.", "Marta Kowalczyk"),
    ("“Nobody reads a cold email twice,” Marta Kowalczyk told the conference.",
     "Marta Kowalczyk"),
    ("“Write it the same day,” added Priya Raman.", "Priya Raman"),
    ("“Why would they answer?” asked Tomás Echeverría.", "Tomás Echeverría"),
    ("“Keep it short,” wrote Helen Achterberg in her newsletter.", "Helen Achterberg"),
    ("“We will hire again in the spring,” declared Owen Castellanos.", "Owen Castellanos"),
    ("“That is not what the survey shows,” responded Lina Haddad.", "Lina Haddad"),
    ("“That is not what the survey shows,” Lina Haddad countered.", "Lina Haddad"),
    ("“Half of these jobs will be remote,” predicted Grégoire Nadeau.", "Grégoire Nadeau"),
    ("“Nobody reads a cold email twice” said Marta Kowalczyk.", "Marta Kowalczyk"),
    ("“Nobody reads a cold email twice,” Marta Kowalczyk had said.", "Marta Kowalczyk"),
    ("« Le réseau, ça se cultive », a dit Inès Benhamou.", "Inès Benhamou"),
    ("« Le réseau, ça se cultive », a déclaré Inès Benhamou, directrice des ressources "
     "humaines d'une entreprise nantaise.", "Inès Benhamou"),
    ("« Le réseau, ça se cultive », a mentionné Inès Benhamou.", "Inès Benhamou"),
    ("« Ne négligez pas les anciens collègues », a prévenu Inès Benhamou.", "Inès Benhamou"),
    ("« Le réseau, ça se cultive », a affirmé Inès Benhamou.", "Inès Benhamou"),
    ("« Nous avons recruté trois stagiaires », se félicite Inès Benhamou, directrice des "
     "ressources humaines d'une entreprise nantaise.", "Inès Benhamou"),
    ("« Les salons ne servent plus à rien », critique Inès Benhamou.", "Inès Benhamou"),
    ("« Allez-y, osez ! » lance Inès Benhamou.", "Inès Benhamou"),
    ("« Tout se joue dans la semaine », résume Inès Benhamou.", "Inès Benhamou"),
    ("« Le réseau, ça se cultive » déclare Inès Benhamou.", "Inès Benhamou"),
    ("« Le réseau, ça se cultive », avait expliqué Inès Benhamou.", "Inès Benhamou"),
    # a clitic before the verb, the person spoken to after it, a time between
    ("« Le réseau, ça se cultive », nous explique Inès Benhamou.", "Inès Benhamou"),
    ("« Le réseau, ça se cultive », m'a confié Inès Benhamou.", "Inès Benhamou"),
    ("« Le réseau, ça se cultive », explique au Courrier Inès Benhamou.", "Inès Benhamou"),
    ("« Le réseau, ça se cultive », a déclaré à la presse Inès Benhamou.", "Inès Benhamou"),
    ("« Le réseau, ça se cultive », a souligné jeudi Inès Benhamou.", "Inès Benhamou"),
    # a role then the name in apposition
    ("« Le réseau, ça se cultive », affirme la ministre du Travail, Inès Benhamou.",
     "Inès Benhamou"),
    # an age or a role between the surname and the verb
    ("“Nobody reads a cold email twice,” Kowalczyk, 52, said.", "Kowalczyk"),
    ("“Nobody reads a cold email twice,” Marta Kowalczyk, a sales coach, said.",
     "Marta Kowalczyk"),
    ("“Nobody reads a cold email twice,” Marta Kowalczyk told the Daily Ledger on Monday.",
     "Marta Kowalczyk"),
]


@pytest.mark.parametrize(("paragraph", "speaker"), SAID_AFTER)
def test_attribution_after_the_quotation(paragraph: str, speaker: str) -> None:
    assert only(INTRO, paragraph).speaker == speaker


def test_nested_quotation_closes_the_quote() -> None:
    quote = only(INTRO, "“The board told us, ‘Cut the travel budget first,’” Bloomberg said.")
    assert quote.speaker == "Bloomberg"


# --- the cast: surnames, titles, roles, pronouns -----------------------------------------

CAST = [
    # later surname
    (["Rachel Okonjo-Lind, an employment lawyer, has seen this before.",
      "“Nobody checks the contract until it is too late,” Okonjo-Lind said."],
     "Rachel Okonjo-Lind"),
    # French title and surname
    (["Julien Caldwell dirige une agence de recrutement à Lyon.",
      "« Les candidats se ressemblent tous », estime M. Caldwell."], "Julien Caldwell"),
    # English title without a full stop
    (["Barack Obama spoke first. Michelle Robinson spoke after him.",
      "“We need more mentors,” Mr Obama said."], "Barack Obama"),
    (["Adaeze Okafor runs the clinic's hiring.",
      "“We read every letter,” said Dr. Okafor."], "Adaeze Okafor"),
    # role nouns
    (["Le directeur général, Hervé Lemaire, reçoit les candidats un par un.",
      "« Je veux voir leurs yeux », explique le directeur général."], "Hervé Lemaire"),
    (["Hervé Lemaire et Claire Dumas ouvrent le salon. La fondatrice, Claire Dumas, "
      "accueille les visiteurs.", "« Venez tôt », conseille la fondatrice."], "Claire Dumas"),
    (["Sam Lee spoke first. The agency's founder, Ezra Morland, spoke after him.",
      "“We had no plan at all,” the founder said."], "Ezra Morland"),
    (["Ezra Morland, the newsletter's founder, started it in a kitchen.",
      "“We had no plan at all,” the founder said."], "Ezra Morland"),
    # pronouns
    (["Samira Touati a quitté la banque en 2019. Elle a ouvert un cabinet.",
      "« Je ne regrette rien », explique-t-elle."], "Samira Touati"),
    (["Daniel Ferreira moved to Lisbon last year. He works from a café.",
      "“The time zone is the hard part,” he said."], "Daniel Ferreira"),
    (["Daniel Ferreira moved to Lisbon last year.",
      "« Le fuseau horaire est le plus dur », a-t-il affirmé."], "Daniel Ferreira"),
    (["Daniel Ferreira a déménagé à Lisbonne.",
      "« Le fuseau horaire est le plus dur », écrit-il sur son blogue."], "Daniel Ferreira"),
    # names with initials and particles
    (["Robert M. Danin studied the region for decades.",
      "“It is a structural problem,” Danin said."], "Robert M. Danin"),
    (["Ivan Du Roy enquête depuis cinq ans.",
      "« Il y a un vrai souci de méthode », insiste quant à lui Ivan Du Roy."], "Ivan Du Roy"),
    # a name first cut short (a nickname in brackets) takes the fuller form written later
    (["Photo: Aroha Tane (Mere) Walker at the shed.",
      "Aroha Tane Mere Walker and her brother were called in.",
      "“We go down at dawn,” says Aroha Tane."], "Aroha Tane Mere Walker"),
    # a person the page names by one word, with an apposition
    (["Daniel, a senior who asked that his surname be withheld, voted early.",
      "“Nobody on this campus admits it,” he said."], "Daniel"),
    (["Antoine, 24 ans, donne des cours le soir pour payer son loyer.",
      "« Je n'ai pas le choix », confie-t-il."], "Antoine"),
    (["Paris, a city of cafés, has few quiet offices. Léa Morin rents one.",
      "« C'est hors de prix », dit-elle."], "Léa Morin"),
    (["Léa Morin rents an office. Meanwhile, a new law was passed in the spring, and "
      "she said so.", "« C'est hors de prix », dit-elle."], "Léa Morin"),
    (["Léa Morin rents an office. Today, a woman who works there pays less.",
      "« C'est hors de prix », dit-elle."], "Léa Morin"),
    (["Zineb, une étudiante qui prépare son master, tient le piquet de grève.",
      "« On ne lâchera rien », lance-t-elle."], "Zineb"),
    # a title and a given name, then the given name alone
    (["While viewers watched the series, the real Prince Edmund was busy elsewhere.",
      "Edmund spent a minute explaining how he could not have met Ruth Achebe, because "
      "she described him as tall.", "“I was never tall,” he assures himself."],
     "Prince Edmund"),
    # a verb that answers, after another quotation, is the other person of the exchange
    (["Tom Varga opened a shop on King Street in May.",
      "“Rent is the hard part,” he says."], "Tom Varga"),
    (["Ruth Achebe questioned Tom Varga for an hour.",
      "“You never told the board,” Achebe said.",
      "“The board never asked,” he replied."], "Tom Varga"),
    (["Ruth Achebe questioned Tom Varga for an hour.",
      "“You never told the board,” Achebe said.",
      "“And you did not ask,” she added."], "Ruth Achebe"),
    (["Paul Girard interroge Léa Morin.", "« Vous saviez ? » demande Girard.",
      "« Personne ne savait », rétorque-t-elle."], "Léa Morin"),
    # a role nobody was given is the subject of the paragraph just before
    (["For this film, Nkem Adeyemi asked each actor to write a past for the character.",
      "“Scripts say little about the past,” the director said."], "Nkem Adeyemi"),
    (["Jules Lemaire, qui rencontrera jeudi ses homologues, veut relancer le dialogue.",
      "« Nous parlerons de tout », écrit le chef du gouvernement."], "Jules Lemaire"),
    # the subject is the last clause before the verb when the quotation runs on into it
    (["Marta Kowalczyk has studied the talks for years.",
      "“Nothing could persuade them now” to stop the filing, Kowalczyk said. “Both sides "
      "have dug in, and that will not change before the spring.”"], "Marta Kowalczyk"),
    # a full name in the attribution beats a surname known before
    (["Anne Bélanger a fondé le réseau en 2015.",
      "Trois ans plus tard, d'autres l'ont rejoint.",
      "« Le bouche-à-oreille a tout fait », explique Samir Bélanger."], "Samir Bélanger"),
    # a job title before the name is not the speaker
    (["The visit was short.",
      "“We are deeply concerned,” White House press secretary Josh Earnest told reporters."],
     "Josh Earnest"),
    (["La visite a été courte.",
      "« On a tout refait », a admis l'entraîneur mancunien Ole Gunnar Solskjaer."],
     "Ole Gunnar Solskjaer"),
    # ... nor is a capitalised title, however long, and the whole name is kept
    (["The hearing was short.",
      "“The record is clear,” Solicitor General Amaka Obi replied."], "Amaka Obi"),
    (["The talks stalled.", "“We will not sign,” said Northern Assembly President Tane "
      "Rangi Walker."], "Tane Rangi Walker"),
    (["Le vote a eu lieu.", "« Nous ne signerons pas », a déclaré le Premier ministre "
      "Jean-Marc Le Goff."], "Jean-Marc Le Goff"),
    (["The vote was close.", "“We held,” said Senate Majority Leader Marta Kowalczyk."],
     "Marta Kowalczyk"),
]


@pytest.mark.parametrize(("paragraphs", "speaker"), CAST,
                         ids=[str(i) for i in range(len(CAST))])
def test_the_cast_resolves_references(paragraphs: list[str], speaker: str) -> None:
    assert quotes(*paragraphs)[-1].speaker == speaker


LEAD_INS = [
    (["La visite a été courte. L'ingénieur Scott Saviz, cité par le Wall Street Journal :",
      "« Nous avons tout reconstruit en six mois. »"], "Scott Saviz"),
    (["The plant reopened in May. Site manager Dana Whitfield told the Evening Courier:",
      "“We rebuilt the line in six months.”"], "Dana Whitfield"),
    (["Les chiffres viennent d'un rapport. Paul Girard, interrogé par la Gazette Locale, "
      "puis Léa Morin :", "« Personne ne l'a lu. »"], "Léa Morin"),
    (["Stéphanie Caron, directrice d'un programme de mentorat, le répète souvent.",
      "La directrice précise :", "« Commencez par une question précise. »"],
     "Stéphanie Caron"),
    (["Most of the figures come from a report.", "As the Daily Ledger explains:",
      "“The city had identified 300 buildings.”"], "Daily Ledger"),
    (["Marc Ouellet, un jeune technicien, a trouvé un mentor à l'usine.",
      "Le jeune technicien se souvient :", "« Il m'a tout appris. »"], "Marc Ouellet"),
    # a lead-in that gives the floor to nobody: a document is quoted, not a person
    (["Jeff Okoro, a disaster planner for federal officials, said the rules were old.",
      "Evacuations are announced by federal officials. The rules make for grim reading. "
      "For example:",
      "“Evacuation should be discouraged in the first day.”"], None),
    # a quotation with no attribution takes the person the narrative just showed speaking
    (["Mark Ellison said the company had learned from the outage.",
      "“We moved too fast and we broke the one thing our users trusted.”"], "Mark Ellison"),
]


@pytest.mark.parametrize(("paragraphs", "speaker"), LEAD_INS,
                         ids=[str(i) for i in range(len(LEAD_INS))])
def test_lead_ins_and_the_narrative_before(paragraphs: list[str], speaker: str | None) -> None:
    assert quotes(*paragraphs)[-1].speaker == speaker


def test_blockquote_after_narrative_takes_the_person_introduced() -> None:
    blocks = [Block("paragraph", INTRO),
              Block("paragraph", "Lucia Brandt said she wrote the memo in one night."),
              Block("quote", "We will not ship a product we would not use ourselves.")]
    assert [b.speaker for b in attribute(blocks) if b.kind == "quote"] == ["Lucia Brandt"]


# --- damaged quotations, long testimonies, dialogue, label lines ------------------------

def test_incise_inside_a_damaged_quotation() -> None:
    found = quotes(INTRO,
                   "Il faut donner avant de recevoir, insiste Marie Tremblay. Sinon, personne "
                   "ne se souvient de vous.",
                   "Et surtout, il faut relancer une semaine plus tard. »")
    assert len(found) == 1 and found[0].speaker == "Marie Tremblay"
    assert "relancer" in found[0].text and "donner avant" in found[0].text


def test_long_testimony_cut_by_subheadings_and_read_also_lines() -> None:
    found = quotes("Nadia Benali, 34 ans, raconte son année de chômage :",
                   "« Les premiers mois, j'envoyais vingt candidatures par semaine.",
                   "« Personne ne répondait. J'ai arrêté de compter.",
                   "# Le déclic",
                   "« Puis une ancienne collègue m'a appelée.",
                   "Lire aussi : Comment relancer un recruteur",
                   "« Trois semaines plus tard, j'avais un poste. »")
    assert len(found) == 1 and found[0].speaker == "Nadia Benali"
    assert "vingt candidatures" in found[0].text and "Trois semaines" in found[0].text


def test_dialogue_dashes() -> None:
    found = quotes(INTRO, "— Vous avez un plan ? demande Paul Girard.",
                   "— Pas encore, répond Léa Morin.")
    assert [q.speaker for q in found] == ["Paul Girard", "Léa Morin"]


def test_transcript_label() -> None:
    found = quotes("The exchange went on for minutes.",
                   "Prelogar: “I can't think of anything else quite like this.”")
    assert found[0].speaker == "Prelogar"


def test_a_quoted_word_opening_a_sentence_is_narrative() -> None:
    assert quotes(INTRO, "“Hydrate” was the child's favourite word, Meghan Lowry said. She "
                  "called their life “better than any story you have read.”") == []


def test_interleaved_narrative_stays_narrative() -> None:
    assert quotes(INTRO, "Selon Paul Girard, les salons « ne servent plus » ; Léa Morin "
                  "pense au contraire qu'ils « restent utiles », surtout en région.") == []


def test_two_speakers_in_one_paragraph_are_two_quotations() -> None:
    found = quotes(INTRO, "« Le réseau se cultive », insiste Paul Girard. « Il faut surtout "
                   "écouter », explique Léa Morin, consultante.")
    assert [q.speaker for q in found] == ["Paul Girard", "Léa Morin"]


# --- unnamed sources -------------------------------------------------------------------

UNNAMED = [
    ("“He will not win the caucus,” an Iowa Republican said.", "an Iowa Republican"),
    ("« Il ne s'en relèvera pas », confie un chiraquien.", "un chiraquien"),
    ("“We were not consulted,” said a UCEA spokesperson.", "a UCEA spokesperson"),
    ("“Or being grunge in the nineties,” another student chimed in.", "another student"),
]


@pytest.mark.parametrize(("paragraph", "description"), UNNAMED)
def test_unnamed_sources_keep_their_description(paragraph: str, description: str) -> None:
    quote = only("Paul Girard opened the meeting.", paragraph)
    assert quote.speaker is None and quote.attribution == description


# --- attribution lines under a blockquote or an embed ------------------------------------

SIGNATURES = [
    ("— Helga Brandt, recruiter", ("Helga Brandt", "recruiter")),
    ("– Charles Dickens, A Christmas Carol", ("Charles Dickens", "A Christmas Carol")),
    ("— Slack (@SlackHQ) September 16, 2016", ("Slack", None)),
    ("— anna or whatever (@annapickard) June 7, 2016", ("anna or whatever", None)),
    ("[Engadget]", ("Engadget", None)),
    ("A post shared by Bumble, For Friendship (@bumblebff) on", ("Bumble, For Friendship", None)),
    ("Publiée par Centre Hospitalier de Bayonne sur Jeudi 26 mars 2020",
     ("Centre Hospitalier de Bayonne", None)),
    ("— Qu'est-ce que vous en pensez ?", None),
    ("— Pas encore, répond Léa Morin.", None),
    ("— Et toi ? demande Paul.", None),
    ("— Anne Roy, critique littéraire", ("Anne Roy", "critique littéraire")),
    ("This is a sentence of narrative, not a credit line.", None),
]


@pytest.mark.parametrize(("line", "expected"), SIGNATURES)
def test_signature_lines(line: str, expected: tuple[str, str | None] | None) -> None:
    assert signature(line) == expected


def _page(body: str) -> str:
    filler = " ".join(["Networking is a slow craft that rewards patience and care."] * 8)
    return (f"<html lang='en'><head><title>Voices</title></head><body><article><h1>Voices</h1>"
            f"<p>{filler}</p>{body}<p>{filler}</p></article></body></html>")


def _html_quotes(body: str) -> list[Block]:
    return [b for b in extract_html(_page(body), "page.html").blocks if b.kind == "quote"]


def test_blockquote_with_a_dash_line_names_the_speaker_and_keeps_the_role() -> None:
    found = _html_quotes("<blockquote><p>Show up before you need anything from anyone.</p>"
                         "</blockquote><p>— Helga Brandt, recruiter</p>")
    assert found[0].speaker == "Helga Brandt"
    assert found[0].cite == "— Helga Brandt, recruiter"
    assert "Helga" not in found[0].text


def test_tweet_credit_line_is_the_speaker_not_the_text() -> None:
    found = _html_quotes('<blockquote class="twitter-tweet"><p>We shipped the new search '
                         'today, and it is fast.</p>— Pia Lindqvist (@pialind) '
                         '<a href="https://x.test/1">June 7, 2016</a></blockquote>')
    assert found[0].speaker == "Pia Lindqvist"
    assert "@pialind" not in found[0].text and "@pialind" in (found[0].cite or "")


def test_footer_cite_with_a_role() -> None:
    found = _html_quotes("<blockquote><p>Ask for the second meeting before you leave the "
                         "first one.</p><footer>— <cite>Marta Kowalczyk</cite>, sales coach"
                         "</footer></blockquote>")
    assert found[0].speaker == "Marta Kowalczyk"


def test_q_elements_are_read_as_quotations() -> None:
    found = _html_quotes("<p>Lena Ortiz has hired forty people this year.</p>"
                         "<p><q>Nobody remembers the cover letter, they remember the "
                         "follow-up.</q> said Lena Ortiz.</p>")
    assert found and found[0].speaker == "Lena Ortiz"
    assert found[0].text.startswith("“Nobody")


Q_MARKS = [
    ("<p><q>Go</q> she said</p>", "en", "<p>“Go” she said</p>"),
    ("<p><Q class='x'>Go</Q></p>", None, "<p>“Go”</p>"),
    ("<p><q>He told me <q>wait</q> twice</q></p>", "en", "<p>“He told me ‘wait’ twice”</p>"),
    ("<p><q>Allez</q> dit-il</p>", "fr-FR", "<p>« Allez » dit-il</p>"),
    ("<p><quote>not q</quote> stray</q></p>", "en", "<p><quote>not q</quote> stray</p>"),
    ("<p>no marks at all</p>", "en", "<p>no marks at all</p>"),
]


@pytest.mark.parametrize(("html", "language", "expected"), Q_MARKS)
def test_q_marks_are_written_into_the_text(html: str, language: str | None,
                                           expected: str) -> None:
    assert draw_q_marks(html, language) == expected


@pytest.mark.parametrize(("html", "language", "expected"), Q_MARKS)
def test_q_marks_are_written_into_the_tree(html: str, language: str | None,
                                           expected: str) -> None:
    tree = lxml.html.fragment_fromstring(html, create_parent="div")
    mark_q_elements(tree, language)
    assert tree.text_content() == lxml.html.fragment_fromstring(
        expected, create_parent="div").text_content()


@pytest.mark.parametrize("between", ["\n>\n", "\n"])
def test_markdown_signature_line(between: str) -> None:
    text = ("# Voices\n\n" + " ".join(["Networking rewards patience and care."] * 8) +
            f"\n\n> Show up before you need anything from anyone.{between}"
            "> — Helga Brandt, recruiter\n\nThe rest of the article goes on from here.\n")
    found = [b for b in extract_text(text, "voices.md").blocks if b.kind == "quote"]
    assert found[0].speaker == "Helga Brandt" and "Helga" not in found[0].text
    assert found[0].cite == "— Helga Brandt, recruiter"


def test_plain_text_signature_line() -> None:
    text = ("Voices\n\n" + " ".join(["Networking rewards patience and care."] * 8) +
            "\n\n“Show up before you need anything from anyone.”\n— Helga Brandt, recruiter\n")
    article = extract_text(text, "voices.txt")
    found = [b for b in article.blocks if b.kind == "quote"]
    assert found[0].speaker == "Helga Brandt" and "Helga" not in found[0].text


# --- callouts and pull quotes ----------------------------------------------------------

CALLOUTS = [
    ("Summary Drinking water keeps you full between meals.", True),
    ("Tweet may have been deleted (opens in a new tab)", True),
    ("Lire aussi : Comment relancer un recruteur", True),
    ("À retenir : trois relances au maximum.", True),
    ("Key takeaways", True),
    ("https://example.test/a-link", True),
    ("We will not ship a product we would not use ourselves.", False),
    ("Summarising a career in one page is hard, she said.", False),
]


@pytest.mark.parametrize(("text", "callout"), CALLOUTS)
def test_callouts(text: str, callout: bool) -> None:
    assert is_callout(text) is callout


def test_callout_blocks_are_not_quotations() -> None:
    blocks = attribute([Block("paragraph", INTRO),
                        Block("quote", "Summary Drinking water keeps you full."),
                        Block("quote", "We will not ship what we would not use.")])
    assert [b.kind for b in blocks] == ["paragraph", "callout", "quote"]
    article = Article(source="x", title="x", blocks=tuple(blocks))
    assert [q.text for q in article.quotes] == ["We will not ship what we would not use."]
    assert article.to_dict()["blocks"][1]["kind"] == "callout"
    assert Block.from_dict(blocks[1].to_dict()) == blocks[1]


def test_pull_quote_is_shown_once_and_keeps_its_speaker() -> None:
    blocks = attribute([
        Block("paragraph", INTRO),
        Block("quote", "Professors cancelled tests because the vote went that way"),
        Block("paragraph", "Ryan Dubicki, a sophomore, was not impressed."),
        Block("paragraph", "“Professors cancelled tests because the vote went that way, and "
                           "that is why people are angry,” Dubicki said."),
    ])
    found = [b for b in blocks if b.kind == "quote"]
    assert len(found) == 1 and found[0].speaker == "Ryan Dubicki"


# A pull quote that shortens a testimony of the body: (pull quote, body paragraph, the
# speaker the body names, whether it is a repeat). Sentences written for this test.
SHORTENED_PULL_QUOTES = [
    # cut at the end with an ellipsis, other quotation marks
    ("« Je répare des vélos le soir pour finir le mois… »",
     "« Je répare des vélos le soir pour finir le mois, et je donne des cours le samedi », "
     "raconte Odile Marchand, infirmière à Rennes.", "Odile Marchand", True),
    # cut at the start, other case and punctuation
    ("“…we had no idea the river would rise that fast.”",
     "“Honestly, we had no idea the river would rise that fast,” said Tobias Wren, who runs "
     "the ferry.", "Tobias Wren", True),
    # words left out in the middle: […] and (...)
    ("« Le dimanche, on ouvre la grange […] et tout le village vient goûter. »",
     "« Le dimanche, on ouvre la grange aux voisins, on sort les tables, et tout le village "
     "vient goûter », sourit Paulette Grand, productrice de cidre.", "Paulette Grand", True),
    ("\"Our budget doubled (...) but the waiting list is still two years long\"",
     "\"Our budget doubled in three years, but the waiting list is still two years long,\" "
     "Marisol Okonkwo, the clinic's director, told reporters.", "Marisol Okonkwo", True),
    # accents lost and an incise of the body left out
    ("« Personne ne nous a prevenus de la fermeture »",
     "« Personne, explique Hélène Duroc, ne nous a prévenus de la fermeture de l'usine »."
     , "Hélène Duroc", True),
    # not a repeat: the same first words, then something else
    ("“We had no idea how many people would come back to the valley.”",
     "“Honestly, we had no idea the river would rise that fast,” said Tobias Wren, who runs "
     "the ferry.", "Tobias Wren", False),
    # not a repeat: a few common words scattered far apart in the body
    ("« Il faut que la ville … pour les enfants … de la gare »",
     "« Il faut que la ville comprenne ce que vivent les familles du quartier, qui attendent "
     "depuis des années un parc et une piscine pour les enfants, loin des voies et du bruit "
     "qui montent de la gare », dit Agathe Morel.", "Agathe Morel", False),
]


@pytest.mark.parametrize(("pull", "body", "speaker", "repeat"), SHORTENED_PULL_QUOTES)
def test_a_shortened_pull_quote_is_shown_once(pull: str, body: str, speaker: str,
                                              repeat: bool) -> None:
    from lecteur.core.extract.repeats import repeats, words

    assert repeats(pull, [words(body)]) is repeat
    blocks = attribute([Block("paragraph", INTRO), Block("quote", pull),
                        Block("paragraph", "Sur la place, Jules Ferrand range des chaises. "
                                           "On the square, Jules Ferrand stacks chairs."),
                        Block("paragraph", body)])
    found = [b for b in blocks if b.kind == "quote"]
    assert any(q.speaker == speaker for q in found)
    assert all(q.speaker != "Jules Ferrand" for q in found) if repeat else len(found) == 2
    assert len(found) == (1 if repeat else 2)


# A pull quote shortening a narrative paragraph: the paragraph quotes someone (the pull
# quote stays a quotation, with no speaker rather than the next person named), or it is
# the author's own line set apart (a callout). (pull quote, body paragraph, kind). A pull
# quote the narrative gives word for word is dropped, as before (a subheading in quotation
# marks repeats the paragraph under it).
NARRATIVE_PULL_QUOTES = [
    ("« On vit avec trois fois rien… personne ne vient plus le jeudi »",
     "Au marché, le ton a changé, comme nous le raconte un maraîcher du coin. « On vit avec "
     "trois fois rien depuis l'hiver, et personne ne vient plus le jeudi. »", "quote"),
    ("“Nobody told us the school would close before Christmas”",
     "At the gate, parents were still waiting for news. “Nobody told us, not once, that "
     "the school would close before Christmas,” one of them explained.", "quote"),
    ("Writing a letter is a way … to think slowly.",
     "When I was young I wrote to my aunt every week. Writing a letter is a way, I found, "
     "of forcing yourself to think slowly.", "callout"),
    ("« Lire à voix haute […] ralentit la pensée »",
     "Je l'ai appris tard : lire à voix haute, même seul dans sa cuisine, ralentit la "
     "pensée et la rend plus nette.", "callout"),
]


@pytest.mark.parametrize(("pull", "body", "kind"), NARRATIVE_PULL_QUOTES)
def test_a_pull_quote_of_the_narrative_is_not_given_to_the_next_person(
        pull: str, body: str, kind: str) -> None:
    blocks = attribute([Block("paragraph", INTRO), Block("quote", pull),
                        Block("paragraph", "Sur la place, Jules Ferrand range des chaises. "
                                           "On the square, Jules Ferrand stacks chairs."),
                        Block("paragraph", body)])
    pulled = next(b for b in blocks if b.text == pull)
    assert pulled.kind == kind and pulled.speaker is None


# --- the pieces on their own ------------------------------------------------------------

GENDERS = [
    ("Nora Lindqvist wrote it. She was surprised.", "f"),
    ("Tom Abara published it in May. Il a aimé le livre.", "m"),
    # a pronoun two sentences on may mean someone the article has not named
    ("Tom Abara published it. It sold well in the first week. She was surprised.", None),
    ("Nora Lindqvist had a different answer: She said no.", "f"),
    # a possessive or an object is not what the next sentence's pronoun means
    ("It caused Tom Abara's dismay. She answered calmly.", None),
    ("The jury heard Tom Abara. She asked him to stand.", None),
    ("Then, Tom Abara stood. He spoke slowly.", "m"),
]


@pytest.mark.parametrize(("text", "gender"), GENDERS)
def test_gender_from_the_next_sentence_only(text: str, gender: str | None) -> None:
    cast = Cast()
    assert [p.gender for p in cast.read(text)] == [gender]


VERBS = [
    ("“Slow,” as Lee puts it.", ["puts it"]),
    ("The vote puts Lee in the lead.", []),
    ("« Oui », a-t-elle expliqué.", ["a-t-elle expliqué"]),
    ("Lee had told reporters.", ["had told"]),
    ("Roy s'est félicitée du vote.", ["s'est félicitée"]),
    ("Le technicien se souvient de tout.", ["se souvient"]),
]


@pytest.mark.parametrize(("text", "found"), VERBS)
def test_verbs_of_saying(text: str, found: list[str]) -> None:
    assert [text[m.start():m.end()] for m in verb_pattern().finditer(text)] == found


NAMES = [
    ("Robert M. Danin wrote it", ["Robert M. Danin"]),
    ("selon Ivan Du Roy, journaliste", ["Ivan Du Roy"]),
    ("J.C. Chandor directed it", ["J.C. Chandor"]),
    ("Philippe de Gonneville, le maire", ["Philippe de Gonneville"]),
    ("M. Caldwell a répondu", []),
    ("Le Monde a publié", []),
    ("Solicitor General Amaka Obi replied", ["Amaka Obi"]),
    ("Palestinian Authority President Jan Erik Dahl spoke", ["Jan Erik Dahl"]),
    ("Te Rangi Hemi Walker, an elder", ["Te Rangi Hemi Walker"]),
    ("Northwind Freight Chief Executive Mary Obi said", ["Mary Obi"]),
]


@pytest.mark.parametrize(("text", "names"), NAMES)
def test_names_by_shape(text: str, names: list[str]) -> None:
    assert [n for _start, n in find_names(text)] == names


PARSES = [
    (", said Sam Lee, a coach.", "name", "Sam Lee"),
    (" Black Elk said.", "name", "Black Elk"),
    (", explique-t-elle.", "pronoun", "f"),
    (", a-t-il affirmé.", "pronoun", "m"),
    (", he added.", "pronoun", "m"),
    (", the director said.", "role", "the director"),
    (", he rejoined.", "reply", True),
    (", he said.", "reply", False),
    (", rétorque-t-elle.", "reply", True),
    (", écrit le chef du gouvernement.", "role", "le chef du gouvernement"),
    (", souligne Moody's.", "name", "Moody's"),
    (", selon Paul Girard.", "name", "Paul Girard"),
    (" and then the meeting ended without a word.", None, None),
]


@pytest.mark.parametrize(("segment", "field", "value"), PARSES)
def test_attribution_parse(segment: str, field: str | None, value: str | None) -> None:
    found = parse(segment)
    if field is None:
        assert found is None
    else:
        assert found is not None and getattr(found, field) == value
