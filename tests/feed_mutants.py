"""Feeds for the feeds battery: a small corpus of good feeds, and the mutations made of them.

`SEEDS` are feeds written for lecteur (RSS 2.0, RSS 1.0/RDF, Atom with HTML and XHTML
content, namespaces, CDATA, French text, latin-1 and UTF-16). `mutate` turns one document
into a hostile one with a seeded random generator: bit flips, truncations, swapped or
dropped tags, huge attributes and texts, entity tricks (controls, surrogates, code points
out of range, undeclared and recursive entities, external entities), encodings declared
wrong, terminal escape sequences and dangerous link schemes spliced into text, and halves of
two documents joined. The same seed always gives the same mutant, so a failure names the
seed that reproduces it.
"""

from __future__ import annotations

import random
import re

from hostile_payloads import MARKUP, PAYLOADS

_ITEMS_FR = [
    ("L'été à Montréal : œuvres et « guillemets »", "Anaïs Lefèvre"),
    ("[AFP] Le président répond aux questions", "Rédaction"),
    ("Ça déménage : les cafés du quartier ferment", "Jérôme Dubœuf"),
]


def _rss2() -> bytes:
    items = "".join(
        f"<item><title>{title}</title><link>https://exemple.fr/articles/{n}</link>"
        f"<guid isPermaLink='false'>rss2-{n}</guid><dc:creator>{author}</dc:creator>"
        f"<pubDate>Tue, 0{n + 1} Jul 2025 08:00:00 +0200</pubDate>"
        f"<category>culture</category>"
        f"<description><![CDATA[<p>Premier paragraphe de l'article {n}, avec des "
        f"<a href='/relatif/{n}'>liens</a> et du <b>gras</b>.</p><p>Deuxième.</p>]]>"
        f"</description><enclosure url='https://exemple.fr/son/{n}.mp3' length='1' "
        f"type='audio/mpeg'/></item>" for n, (title, author) in enumerate(_ITEMS_FR))
    return ("<?xml version='1.0' encoding='utf-8'?>\n"
            "<rss version='2.0' xmlns:dc='http://purl.org/dc/elements/1.1/' "
            "xmlns:content='http://purl.org/rss/1.0/modules/content/'><channel>"
            "<title>Le Journal d'essai</title><link>https://exemple.fr/</link>"
            "<description>Des nouvelles</description><language>fr-FR</language>"
            f"{items}</channel></rss>").encode()


def _atom() -> bytes:
    entries = "".join(
        f"<entry><title type='html'>{title.replace('&', '&amp;')}</title>"
        f"<link rel='alternate' href='posts/{n}.html'/><id>tag:exemple.org,2025:{n}</id>"
        f"<updated>2025-06-0{n + 1}T10:00:00Z</updated><author><name>{author}</name>"
        f"<email>auteur{n}@exemple.org</email></author>"
        f"<content type='xhtml'><div xmlns='http://www.w3.org/1999/xhtml'><p>Texte "
        f"<em>xhtml</em> numéro {n}.</p><blockquote>« Une citation », dit-elle.</blockquote>"
        f"</div></content><summary type='text'>Résumé {n}</summary></entry>"
        for n, (title, author) in enumerate(_ITEMS_FR))
    return ("<?xml version='1.0' encoding='utf-8'?>"
            "<feed xmlns='http://www.w3.org/2005/Atom' xml:base='https://exemple.org/blog/' "
            "xml:lang='fr'><title type='text'>Carnet</title><id>urn:uuid:1</id>"
            "<updated>2025-06-03T10:00:00Z</updated><link rel='self' href='feed.atom'/>"
            f"<link href='https://exemple.org/'/>{entries}</feed>").encode()


def _rdf() -> bytes:
    items = "".join(
        f"<item rdf:about='https://exemple.net/{n}'><title>{title}</title>"
        f"<link>https://exemple.net/{n}</link><dc:date>2025-05-0{n + 1}</dc:date>"
        f"<description>Description &amp; texte {n}</description></item>"
        for n, (title, _author) in enumerate(_ITEMS_FR))
    return ("<?xml version='1.0'?><rdf:RDF xmlns:rdf='http://www.w3.org/1999/02/22-rdf-syntax-ns#' "
            "xmlns='http://purl.org/rss/1.0/' xmlns:dc='http://purl.org/dc/elements/1.1/'>"
            "<channel rdf:about='https://exemple.net/'><title>RDF</title>"
            "<link>https://exemple.net/</link><description>d</description></channel>"
            f"{items}</rdf:RDF>").encode()


def _latin1() -> bytes:
    return ("<?xml version='1.0' encoding='iso-8859-1'?><rss version='2.0'><channel>"
            "<title>Très français</title><link>http://latin.exemple/</link>"
            "<item><title>Noël à l'hôtel</title><link>http://latin.exemple/1</link>"
            "<description>Garçon, un café crème.</description></item></channel></rss>"
            ).encode("latin-1")


def _utf16() -> bytes:
    return ("<?xml version='1.0' encoding='utf-16'?><feed xmlns='http://www.w3.org/2005/Atom'>"
            "<title>Seize</title><entry><title>Élan</title><id>u16-1</id>"
            "<link href='https://seize.exemple/1'/><content type='html'>&lt;p&gt;Été&lt;/p&gt;"
            "</content></entry></feed>").encode("utf-16")


def _rss_html_entities() -> bytes:
    return ("<?xml version='1.0' encoding='utf-8'?><rss version='0.91'><channel>"
            "<title>Entités &amp; co</title><link>https://ent.exemple/</link>"
            "<item><title>A &lt;b&gt;gras&lt;/b&gt; &#233;t&#xE9;</title>"
            "<link>https://ent.exemple/a?x=1&amp;y=2</link><author>qui@ent.exemple (Qui)</author>"
            "<description>&lt;script&gt;alert(1)&lt;/script&gt;&lt;p&gt;ok&lt;/p&gt;"
            "</description></item></channel></rss>").encode()


SEEDS: list[bytes] = [_rss2(), _atom(), _rdf(), _latin1(), _utf16(), _rss_html_entities()]

_TAG = re.compile(rb"<(/?)([A-Za-z][\w:.-]*)")
_TEXT = re.compile(rb">([^<]{1,200})<")
_LINKS = re.compile(rb"(<link[^>]*>)([^<]*)(</link>)|(href=['\"])([^'\"]*)(['\"])")
_DECLARED = re.compile(rb"encoding=['\"][^'\"]*['\"]")

ENTITY_TRICKS = [
    b"&#27;[2J", b"&#x1b;]52;c;eA==&#7;", b"&#x9b;6n", b"&#0;", b"&#xD800;", b"&#x110000;",
    b"&#99999999999;", b"&#-1;", b"&#x;", b"&nbsp;", b"&undefined;", b"&amp;#27;",
    b"&#x202e;gnp.exe", b"&#8238;", b"&lol9;", b"&xxe;", b"&", b"&#", b"&#x1F600;",
]
DOCTYPES = [
    b"<!DOCTYPE rss [<!ENTITY lol 'lol'><!ENTITY lol2 '&lol;&lol;&lol;&lol;&lol;&lol;'>"
    b"<!ENTITY lol9 '&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;'>]>",
    b"<!DOCTYPE rss [<!ENTITY xxe SYSTEM 'file:///etc/passwd'>]>",
    b"<!DOCTYPE rss SYSTEM 'http://127.0.0.1:9/evil.dtd'>",
    b"<!DOCTYPE rss [<!ENTITY p 'C:\\data'><!ENTITY q '&q;'>]>",
    b"<!DOCTYPE rss [<!ENTITY big '" + b"x" * 50_000 + b"'>]>",
]
BAD_LINKS = [
    b"javascript:alert(1)", b"data:text/html,<script>x</script>", b"file:///etc/passwd",
    b"-\xe2\x80\x93remote-debugging-port=9222", b"vbscript:x",
    b"smb://h/s", b" \t https://ok.exemple/ ",
    b"\\\\host\\share", b"~/x", b"//no-scheme.exemple/x", b"http://user:pw@creds.exemple/",
    b"https://exemple.fr/\x1b]8;;https://phish\x1b\\", b"feed:https://x.exemple/",
    b"https://xn--80ak6aa92e.com/", b"http://[::1]:80/", b"http://127.0.0.1:1/x",
    b"\xef\xbd\x8a\xef\xbd\x81\xef\xbd\x96\xef\xbd\x81script:x", b"java\tscript:x",
]
ENCODINGS = ["utf-8", "utf-16", "utf-16-le", "latin-1", "cp1252", "utf-32", "ebcdic",
             "x-unknown", "shift_jis", "koi8-r", "", "utf-7"]


def _payload(rng: random.Random) -> bytes:
    text = rng.choice(PAYLOADS + MARKUP)
    return text.encode("utf-8", "surrogatepass")


def _flip_bits(doc: bytes, rng: random.Random) -> bytes:
    data = bytearray(doc)
    for _ in range(rng.randint(1, 24)):
        data[rng.randrange(len(data))] ^= 1 << rng.randrange(8)
    return bytes(data)


def _random_bytes(doc: bytes, rng: random.Random) -> bytes:
    at = rng.randrange(len(doc))
    return doc[:at] + rng.randbytes(rng.randint(1, 64)) + doc[at:]


def _truncate(doc: bytes, rng: random.Random) -> bytes:
    return doc[:rng.randrange(len(doc))]


def _swap_tags(doc: bytes, rng: random.Random) -> bytes:
    names = list({m.group(2) for m in _TAG.finditer(doc)})
    if len(names) < 2:
        return doc
    a, b = rng.sample(names, 2)
    swapped = re.sub(rb"<(/?)(%s|%s)\b" % (re.escape(a), re.escape(b)),
                     lambda m: b"<" + m.group(1) + (b if m.group(2) == a else a), doc)
    return swapped


def _drop_or_repeat_tag(doc: bytes, rng: random.Random) -> bytes:
    tags = list(_TAG.finditer(doc))
    if not tags:
        return doc
    tag = rng.choice(tags)
    end = doc.find(b">", tag.start()) + 1 or len(doc)
    piece = doc[tag.start():end]
    if rng.random() < 0.5:
        return doc[:tag.start()] + doc[end:]
    return doc[:end] + piece * rng.choice([2, 2, 50, 50, 5_000]) + doc[end:]


def _deep_nesting(doc: bytes, rng: random.Random) -> bytes:
    depth = rng.choice([100] * 8 + [2_000, 20_000])
    at = _somewhere_in_text(doc, rng)
    return doc[:at] + b"<div>" * depth + b"x" + b"</div>" * depth + doc[at:]


def _huge_attribute(doc: bytes, rng: random.Random) -> bytes:
    tags = list(_TAG.finditer(doc))
    if not tags:
        return doc
    tag = rng.choice(tags)
    size = rng.choice([10_000] * 18 + [200_000, 2_000_000])
    value = rng.choice([b"a", b"&amp;", b"\xc3\xa9", b"\x1b[2J"]) * (size // 4)
    return doc[:tag.end()] + b" huge='" + value + b"'" + doc[tag.end():]


def _huge_text(doc: bytes, rng: random.Random) -> bytes:
    size = rng.choice([65_536] * 18 + [500_000, 3_000_000])
    filler = rng.choice([b"a", b"a@a.", b"\xc3\xa9 ", b"&#27;", b"<b>x</b>"])
    at = _somewhere_in_text(doc, rng)
    return doc[:at] + filler * (size // len(filler)) + doc[at:]


def _long_author(doc: bytes, rng: random.Random) -> bytes:
    author = b"a@" + b"a." * rng.choice([8_000, 32_000]) + b"!"
    tag = rng.choice([b"author", b"dc:creator", b"managingEditor", b"name"])
    return re.sub(rb"(<item>|<entry>)", lambda m: m.group(1) + b"<" + tag + b">" + author
                  + b"</" + tag + b">", doc, count=1) if re.search(rb"<item>|<entry>", doc) \
        else doc + author


def _somewhere_in_text(doc: bytes, rng: random.Random) -> int:
    texts = list(_TEXT.finditer(doc))
    if not texts:
        return rng.randrange(len(doc) + 1)
    text = rng.choice(texts)
    return rng.randint(text.start(1), text.end(1))


def _entity(doc: bytes, rng: random.Random) -> bytes:
    at = _somewhere_in_text(doc, rng)
    tricks = b"".join(rng.choice(ENTITY_TRICKS) for _ in range(rng.randint(1, 4)))
    doc = doc[:at] + tricks + doc[at:]
    if rng.random() < 0.5:
        doctype = rng.choice(DOCTYPES)
        head = re.match(rb"(?:\xef\xbb\xbf)?\s*<\?xml[^>]*\?>", doc)
        cut = head.end() if head else 0
        doc = doc[:cut] + doctype + doc[cut:]
    return doc


def _escape_in_text(doc: bytes, rng: random.Random) -> bytes:
    at = _somewhere_in_text(doc, rng)
    payload = _payload(rng)
    if rng.random() < 0.3:
        payload = b"<![CDATA[" + payload + b"]]>"
    return doc[:at] + payload + doc[at:]


def _bad_link(doc: bytes, rng: random.Random) -> bytes:
    links = list(_LINKS.finditer(doc))
    bad = rng.choice(BAD_LINKS)
    if not links:
        return doc
    link = rng.choice(links)
    if link.group(1) is not None:
        return doc[:link.start(2)] + bad + doc[link.end(2):]
    return doc[:link.start(5)] + bad + doc[link.end(5):]


def _encoding(doc: bytes, rng: random.Random) -> bytes:
    try:
        text = doc.decode("utf-8")
    except UnicodeDecodeError:
        text = doc.decode("latin-1")
    declared = rng.choice(ENCODINGS)
    text = re.sub("encoding=['\"][^'\"]*['\"]",
                  f"encoding='{declared}'" if declared else "", text)
    actual = rng.choice(["utf-8", "utf-16", "latin-1", "cp1252", "utf-32", "utf-8-sig"])
    return text.encode(actual, errors="replace")


def _splice(doc: bytes, rng: random.Random, other: bytes) -> bytes:
    return doc[:rng.randrange(len(doc) + 1)] + other[rng.randrange(len(other) + 1):]


def _nul_and_controls(doc: bytes, rng: random.Random) -> bytes:
    at = _somewhere_in_text(doc, rng)
    return doc[:at] + bytes(rng.choice(range(0, 32)) for _ in range(rng.randint(1, 8))) + \
        rng.choice([b"\xc2\x9b2J", b"\xc2\x85", b"\xe2\x80\xae", b"\xed\xa0\x80", b"\xff\xfe"]) \
        + doc[at:]


MUTATORS = [_flip_bits, _random_bytes, _truncate, _swap_tags, _drop_or_repeat_tag,
            _deep_nesting, _huge_attribute, _huge_text, _long_author, _entity,
            _escape_in_text, _bad_link, _encoding, _nul_and_controls]
HEAVY = {_deep_nesting, _huge_attribute, _huge_text, _long_author}


def mutate(seeds: list[bytes], seed: int) -> tuple[bytes, str]:
    """The mutant number `seed` of `seeds`, and the names of the mutations that made it."""
    rng = random.Random(seed)
    doc = rng.choice(seeds)
    names = []
    heavy = False
    for _ in range(rng.choice([1, 1, 2, 3])):
        if rng.random() < 0.08:
            doc = _splice(doc, rng, rng.choice(seeds))
            names.append("splice")
            continue
        mutator = rng.choice(MUTATORS)
        if mutator in HEAVY:
            if heavy:  # one huge thing per mutant is enough, and keeps the battery quick
                continue
            heavy = True
        if not doc:
            doc = rng.choice(seeds)
        doc = mutator(doc, rng)
        names.append(mutator.__name__.lstrip("_"))
    return doc, "+".join(names)
