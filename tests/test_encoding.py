"""French text survives every encoding a page may arrive in (reliability.md F1).

The matrix is {utf-8, latin-1, cp1252, utf-16 with BOM} x {charset in the HTTP header, in a
``<meta>``, undeclared} x {one sentence, a few paragraphs}: 24 pages, each decoded by
`decode_bytes` directly and fetched end to end through the loopback server.
"""

from __future__ import annotations

import codecs

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from lecteur.core.net.encoding import decode_bytes
from lecteur.core.net.fetch import fetch

MOJIBAKE = ("Ã", "Â", "č", "ŕ", "\ufffd")

# Everything but latin-1 can carry œ, € and typographic quotes.
SHORT = "L’élève très motivé met tout son cœur à l’ouvrage, pour 20 € à peine."
LONG = [
    SHORT,
    "« Réseauter n’est pas une corvée », dit-elle. Il suffit de très peu de préparation "
    "pour qu’une soirée devienne agréable, même à la fin d’une longue journée.",
    "Le cœur du programme : chaque élève reçoit le même montant, et la mise en œuvre "
    "dépend de lui. Où trouver le temps? Là où on l’attend le moins…",
    "Enfin, un suivi écrit, envoyé dans les quarante-huit heures, vaut mieux que dix "
    "cartes échangées à la hâte, déçu ou non, à Noël comme à Pâques.",
]
# Latin-1 has no œ, €, ’, « » (well, it has « »), …: the same ideas with what it can encode.
SHORT_LATIN1 = "L'élève très motivé met toute son énergie à l'ouvrage, dès Noël."
LONG_LATIN1 = [
    SHORT_LATIN1,
    "« Réseauter n'est pas une corvée », dit-elle. Il suffit de très peu de préparation "
    "pour qu'une soirée devienne agréable, même à la fin d'une longue journée.",
    "Le coeur du programme : chaque élève reçoit le même montant, et la suite dépend de "
    "lui. Où trouver le temps? Là où on l'attend le moins.",
    "Enfin, un suivi écrit, envoyé dans les quarante-huit heures, vaut mieux que dix "
    "cartes échangées à la hâte, déçu ou non, à Noël comme à Pâques.",
]

ENCODINGS = {
    # name: (label declared in a header or meta, how decode_bytes reports it)
    "utf-8": ("utf-8", "utf-8"),
    "latin-1": ("iso-8859-1", "windows-1252"),  # WHATWG: latin-1 labels mean windows-1252
    "cp1252": ("windows-1252", "windows-1252"),
    "utf-16": ("utf-16", "utf-16-le"),
}
DECLARATIONS = ("header", "meta", "undeclared")
LENGTHS = ("short", "long")
MATRIX = [(e, d, n) for e in ENCODINGS for d in DECLARATIONS for n in LENGTHS]


def paragraphs(encoding: str, length: str) -> list[str]:
    if encoding == "latin-1":
        return [SHORT_LATIN1] if length == "short" else LONG_LATIN1
    return [SHORT] if length == "short" else LONG


def encode(text: str, encoding: str) -> bytes:
    if encoding == "utf-16":
        return codecs.BOM_UTF16_LE + text.encode("utf-16-le")
    return text.encode(encoding)


def build_page(encoding: str, declared: str, length: str) -> tuple[bytes, str, list[str]]:
    """The bytes of the page, its Content-Type and the paragraphs it holds."""
    label, _ = ENCODINGS[encoding]
    meta = f'<meta charset="{label}">\n' if declared == "meta" else ""
    texts = paragraphs(encoding, length)
    body = "\n".join(f"<p>{text}</p>" for text in texts)
    html = (
        f'<!DOCTYPE html>\n<html lang="fr">\n<head>\n{meta}<title>Essai</title>\n</head>\n'
        f"<body>\n<article>\n{body}\n</article>\n</body>\n</html>\n"
    )
    content_type = f"text/html; charset={label}" if declared == "header" else "text/html"
    return encode(html, encoding), content_type, texts


def assert_french_intact(text: str, expected: list[str]) -> None:
    for paragraph in expected:
        assert paragraph in text
    for word in ("très", "à", "élève"):
        assert word in text
    for marker in MOJIBAKE:
        assert marker not in text, f"mojibake {marker!r} in {text[:200]!r}"


def case_id(case: tuple[str, str, str]) -> str:
    return "-".join(case)


# -- the 24-page matrix -------------------------------------------------------------------


@pytest.mark.parametrize("case", MATRIX, ids=case_id)
def test_matrix_decode_bytes(case):
    encoding, declared, length = case
    data, _, texts = build_page(encoding, declared, length)
    label, reported = ENCODINGS[encoding]
    text, used = decode_bytes(data, label if declared == "header" else None, html=True)
    assert_french_intact(text, texts)
    assert used == reported
    if encoding != "latin-1":
        assert "cœur" in text
    assert not text.startswith("\ufeff")


@pytest.mark.parametrize("case", MATRIX, ids=case_id)
def test_matrix_through_the_server(site, case):
    encoding, declared, length = case
    data, content_type, texts = build_page(encoding, declared, length)
    url = site.add(f"/encodings/{case_id(case)}.html", data, content_type)
    page = fetch(url)
    assert_french_intact(page.text, texts)
    assert page.encoding == ENCODINGS[encoding][1]
    assert site.last_request(f"/encodings/{case_id(case)}.html").bytes_sent == len(data)


def test_matrix_has_24_pages():
    assert len(MATRIX) == 24


# -- the static fixture pages -------------------------------------------------------------


@pytest.mark.parametrize(
    ("path", "encoding", "words"),
    [
        (
            "/articles/fr-cp1252-sans-declaration.html",
            "windows-1252",
            ("très", "à", "élève", "œuvre", "500 €", "l’élève", "« C’est à lui"),
        ),
        ("/articles/fr-latin1-meta.html", "windows-1252", ("très", "à", "élève", "Noël")),
        ("/articles/fr-utf8-etiquete-latin1.html", "utf-8", ("Très", "élève", "œuvre", "20 €")),
        ("/articles/fr-utf16-bom.html", "utf-16-le", ("très", "à", "élève", "cœur", "€")),
        ("/articles/fr-reseau.html", "utf-8", ("très", "à", "Réseauter", "À propos")),
        ("/articles/fr-texte.txt", "utf-8", ("très", "à", "élève", "contrecœur")),
    ],
)
def test_fixture_pages(site, path, encoding, words):
    page = fetch(site.url(path))
    assert page.encoding == encoding
    for word in words:
        assert word in page.text
    for marker in MOJIBAKE:
        assert marker not in page.text


def test_undeclared_cp1252_page_really_arrives_without_a_charset(site):
    fetch(site.url("/articles/fr-cp1252-sans-declaration.html"))
    # The fixture must stay a true "undeclared" case: no charset in the header or the page.
    from urllib.request import urlopen

    with urlopen(site.url("/articles/fr-cp1252-sans-declaration.html"), timeout=5) as answer:  # noqa: S310
        assert answer.headers["Content-Type"] == "text/html"
        assert b"charset" not in answer.read().lower()


# -- decode_bytes rules -------------------------------------------------------------------


def test_short_latin1_page_is_not_read_as_cp1250():
    # The failure measured in trafilatura: "très … à" became "trčs … ŕ".
    text, used = decode_bytes("Il est très tard à Paris.".encode("latin-1"))
    assert text == "Il est très tard à Paris."
    assert used == "windows-1252"


def test_cp1252_specials_are_not_c1_controls():
    text, _ = decode_bytes("L’œuvre coûte 5 € … « enfin »".encode("cp1252"), "iso-8859-1")
    assert text == "L’œuvre coûte 5 € … « enfin »"
    assert not any("\x80" <= char <= "\x9f" for char in text)


def test_cp1252_undefined_bytes_fall_back_to_latin1():
    text, used = decode_bytes(b"caf\xe9 \x81\x8d\x8f\x90\x9d fin")
    assert used == "windows-1252"
    assert text == "café \x81\x8d\x8f\x90\x9d fin"


@pytest.mark.parametrize("declared", ["utf-8", "UTF-8", "utf8"])
def test_header_claiming_utf8_over_cp1252_bytes_is_ignored(declared):
    text, used = decode_bytes("très à élève cœur".encode("cp1252"), declared)
    assert (text, used) == ("très à élève cœur", "windows-1252")


@pytest.mark.parametrize("declared", ["iso-8859-1", "latin1", "ISO-8859-1", "us-ascii", "cp1252"])
def test_header_claiming_latin1_over_utf8_bytes_is_ignored(declared):
    text, used = decode_bytes("très à élève cœur €".encode(), declared)
    assert (text, used) == ("très à élève cœur €", "utf-8")


def test_meta_claiming_utf8_over_cp1252_bytes_is_ignored():
    page = '<html><head><meta charset="utf-8"></head><body>très à élève cœur</body></html>'
    text, used = decode_bytes(page.encode("cp1252"))
    assert "très à élève cœur" in text
    assert used == "windows-1252"


def test_http_equiv_meta_is_read():
    page = (
        '<html><head><meta http-equiv="Content-Type" content="text/html; charset=koi8-r">'
        "</head><body>Привет</body></html>"
    )
    text, used = decode_bytes(page.encode("koi8-r"))
    assert "Привет" in text
    assert used == "koi8-r"


def test_header_wins_over_meta():
    page = '<meta charset="koi8-r"><p>Привет</p>'
    text, used = decode_bytes(page.encode("cp1251"), "windows-1251")
    assert "Привет" in text
    assert used == "cp1251"


def test_meta_is_ignored_for_plain_text():
    data = 'Exemple : <meta charset="koi8-r"> très à élève'.encode("cp1252")
    text, used = decode_bytes(data, None, html=False)
    assert text == 'Exemple : <meta charset="koi8-r"> très à élève'
    assert used == "windows-1252"


def test_unknown_label_falls_back_to_detection():
    text, used = decode_bytes("très à élève".encode(), "x-no-such-charset")
    assert (text, used) == ("très à élève", "utf-8")


@pytest.mark.parametrize(
    ("bom", "codec", "name"),
    [
        (codecs.BOM_UTF8, "utf-8", "utf-8"),
        (codecs.BOM_UTF16_LE, "utf-16-le", "utf-16-le"),
        (codecs.BOM_UTF16_BE, "utf-16-be", "utf-16-be"),
    ],
)
@pytest.mark.parametrize("declared", [None, "iso-8859-1", "utf-8"])
def test_bom_wins_and_is_removed(bom, codec, name, declared):
    text, used = decode_bytes(bom + "cœur à élève".encode(codec), declared)
    assert (text, used) == ("cœur à élève", name)


def test_empty_input():
    assert decode_bytes(b"") == ("", "utf-8")


_FRENCH_LETTERS = (
    "abcdefghijklmnopqrstuvwxyz ABCDEFGHIJKLMNOPQRSTUVWXYZ.,;:!?'-àâçèéêëîïôùûüÿÀÂÇÈÉÊËÎÏÔÙÛÜ"
)


@settings(max_examples=300, derandomize=True, deadline=None)
@given(st.text(alphabet=_FRENCH_LETTERS, min_size=1, max_size=400))
def test_undeclared_latin_french_text_round_trips(text):
    # Accented letters sit at 0xC0-0xFF in latin-1/cp1252, and no ASCII byte continues a
    # UTF-8 sequence, so such bytes are never valid UTF-8 unless they are pure ASCII.
    decoded, used = decode_bytes(text.encode("latin-1"), None, html=False)
    assert decoded == text
    assert used == ("utf-8" if text.isascii() else "windows-1252")
