#!/usr/bin/env python3
"""Makes the decode stage's gap cases (issue 16) in tests/data/encoding/gaps/ from real text.

    scripts/make_gap_cases.py SOURCES_DIR [OUT_DIR]

SOURCES_DIR holds Debian packages unpacked with `dpkg-deb -x` (translated manual pages, LibreOffice
and GIMP help, Debian Reference); get them with

    apt-get download manpages-uk manpages-cs manpages-pl manpages-hu manpages-ja manpages-zh \
        manpages-ru manpages-fr manpages-de manpages-es manpages-it manpages-nl manpages-pt-br manpages-sv \
        manpages-da manpages-fi manpages-ro debian-reference-zh-tw libreoffice-help-et libreoffice-help-ko \
        gimp-help-lt && for f in *.deb; do dpkg-deb -x "$f" SOURCES_DIR; done

English text comes from the gold texts of the dragnet HTML set (ENC_HTML overrides its folder). No
translation catalog (.mo/.po) is read. The output is deterministic for the same sources.

Detection cases: detect/<category>/<n>.txt with manifest.tsv (path, charset) per category.
Repair cases: repair.jsonl, one {"category", "damaged", "want"} per line; category "clean" holds
undamaged originals, which repair must leave as they are.
"""
import glob
import gzip
import html
import json
import os
import random
import re
import sys
import unicodedata

SOURCES = sys.argv[1]
OUT = sys.argv[2] if len(sys.argv) > 2 else os.path.join(os.path.dirname(__file__), "..", "tests/data/encoding/gaps")
DRAGNET = os.environ.get("ENC_HTML", "/work/shared/eval/html/dragnet-train") + "/gold"


def roff_paragraphs(path):
    """Prose paragraphs of a manual page: macros, escapes and comments removed."""
    try:
        text = gzip.open(path, "rb").read().decode("utf-8")
    except (UnicodeDecodeError, OSError):
        return []
    paragraphs, current = [], []
    for line in text.splitlines():
        if line.startswith(('.\\"', "'\\\"", '.\\" ')):
            continue
        if line.startswith(".") or line.startswith("'"):
            macro = line.split(None, 1)
            name = macro[0]
            if name in (".B", ".I", ".BR", ".IR", ".RB", ".RI", ".BI", ".IB", ".SM") and len(macro) > 1:
                current.append(macro[1].replace('"', ""))
                continue
            if current:
                paragraphs.append(" ".join(current))
            current = []
            continue
        if not line.strip():
            if current:
                paragraphs.append(" ".join(current))
            current = []
            continue
        current.append(line)
    if current:
        paragraphs.append(" ".join(current))
    out = []
    for p in paragraphs:
        p = re.sub(r"\\f(\[[A-Z]*\]|\(..|.)", "", p)
        p = re.sub(r"\\\*?\((..)", lambda m: {"em": "—", "en": "–", "lq": "“", "rq": "”", "aq": "'", "co": "©"}.get(m.group(1), ""), p)
        p = re.sub(r"\\\[(\w+)\]", "", p)
        p = p.replace("\\-", "-").replace("\\&", "").replace("\\e", "\\").replace("\\ ", " ").replace("\\(", "")
        p = re.sub(r"\\.", "", p)
        out.append(re.sub(r"\s+", " ", p).strip())
    return out


def html_paragraphs(path):
    raw = open(path, "rb").read().decode("utf-8", "replace")
    raw = re.sub(r"(?is)<(script|style|head)\b.*?</\1>", " ", raw)
    out = []
    for block in re.split(r"(?i)</?(?:p|div|li|h\d|td|tr|br|dd|dt|pre|table)\b[^>]*>", raw):
        text = html.unescape(re.sub(r"<[^>]*>", " ", block))
        text = re.sub(r"\s+", " ", text).strip()
        if text:
            out.append(text)
    return out


def prose(p, script_test, min_chars=40):
    """A paragraph of running text in the wanted script: long enough, mostly letters."""
    if len(p) < min_chars or "\ufffd" in p:
        return False
    letters = [c for c in p if c.isalpha()]
    if len(letters) < 0.6 * len(p.replace(" ", "")):
        return False
    return sum(script_test(c) for c in letters) >= 0.5 * len(letters)


def is_latin(c):
    return c < "\u0250"


def is_cyrillic(c):
    return "\u0400" <= c <= "\u04ff"


def is_cjk(c):
    return c >= "\u3040"


def collect(pattern, reader, script_test, limit=4000):
    paragraphs, seen = [], set()
    for path in sorted(glob.glob(os.path.join(SOURCES, pattern), recursive=True)):
        for p in reader(path):
            if p not in seen and prose(p, script_test):
                seen.add(p)
                paragraphs.append(unicodedata.normalize("NFC", p))
        if len(paragraphs) >= limit:
            break
    return paragraphs


def man(lang):
    return f"usr/share/man/{lang}/man*/*.gz"


print("reading sources...", file=sys.stderr)
TEXT = {
    "uk": collect(man("uk"), roff_paragraphs, is_cyrillic),
    "ru": collect(man("ru"), roff_paragraphs, is_cyrillic),
    "cs": collect(man("cs"), roff_paragraphs, is_latin),
    "pl": collect(man("pl"), roff_paragraphs, is_latin),
    "hu": collect(man("hu"), roff_paragraphs, is_latin),
    "fr": collect(man("fr"), roff_paragraphs, is_latin),
    "de": collect(man("de"), roff_paragraphs, is_latin),
    "es": collect(man("es"), roff_paragraphs, is_latin),
    "it": collect(man("it"), roff_paragraphs, is_latin),
    "nl": collect(man("nl"), roff_paragraphs, is_latin),
    "pt": collect(man("pt_BR"), roff_paragraphs, is_latin),
    "sv": collect(man("sv"), roff_paragraphs, is_latin),
    "da": collect(man("da"), roff_paragraphs, is_latin),
    "fi": collect(man("fi"), roff_paragraphs, is_latin),
    "ro": collect(man("ro"), roff_paragraphs, is_latin),
    "ja": collect(man("ja"), roff_paragraphs, is_cjk),
    "zh-cn": collect(man("zh_CN"), roff_paragraphs, is_cjk),
    "zh-tw": collect(man("zh_TW"), roff_paragraphs, is_cjk) + collect("usr/share/debian-reference/*.zh-tw.html", html_paragraphs, is_cjk),
    "ko": collect("usr/share/libreoffice/help/ko/text/**/*.html", html_paragraphs, lambda c: "\uac00" <= c <= "\ud7a3"),
    "et": collect("usr/share/libreoffice/help/et/text/**/*.html", html_paragraphs, is_latin),
    "lt": collect("usr/share/gimp/2.0/help/lt/*.html", html_paragraphs, is_latin),
}
# Help that is not yet translated is left in English: keep paragraphs with the language's own letters.
OWN_LETTERS = {"lt": "ąčęėįšųūž", "et": "õäöüšž", "cs": "ěščřžýůň", "pl": "ąćęłńśźż", "hu": "őűáéö", "uk": "іїєґ",
               "ro": "ăâîșțşţ", "sv": "åäö", "da": "æøå", "fi": "äö", "pt": "ãçáéêó", "it": "àèéìòù"}
for lang, letters in OWN_LETTERS.items():
    TEXT[lang] = [p for p in TEXT[lang] if sum(c.lower() in letters for c in p) * 50 >= len(p)]
english = []
for path in sorted(glob.glob(DRAGNET + "/*.txt"), key=lambda p: int(re.sub(r"\D", "", os.path.basename(p)) or 0)):
    for p in open(path, encoding="utf-8").read().split("\n"):
        p = p.strip()
        if prose(p, is_latin, 80):
            english.append(p)
TEXT["en"] = english
for lang, ps in TEXT.items():
    print(f"  {lang}: {len(ps)} paragraphs", file=sys.stderr)

rng = random.Random(16)


def text_of(lang, low, high, encodable=None, need=None):
    """Consecutive paragraphs of one language, `low` to `high` characters, joined by newlines."""
    ps = TEXT[lang]
    for _ in range(200):
        i = rng.randrange(len(ps))
        out = ps[i]
        j = i + 1
        while len(out) < low and j < len(ps):
            out += "\n" + ps[j]
            j += 1
        if len(out) > high:
            cut = out.rfind(" ", 0, high)
            out = out[: cut if cut > low // 2 else high]
        if len(out) < low // 2:
            continue
        if encodable:
            try:
                out.encode(encodable)
            except UnicodeEncodeError:
                continue
        if need and not need(out):
            continue
        return out
    raise SystemExit(f"no {lang} text for {low}-{high} chars")


def sloppy(codec):
    """Decoding as a browser's windows-125x does: unassigned bytes become the C1 control of that value."""
    def decode(b):
        out = []
        for x in b:
            try:
                out.append(bytes([x]).decode(codec))
            except UnicodeDecodeError:
                out.append(chr(x))
        return "".join(out)
    return decode


ASCII_PUNCT = str.maketrans({"’": "'", "‘": "'", "“": '"', "”": '"', "„": '"', "«": '"', "»": '"', "–": "-", "—": "-", "…": "...", "\u00a0": " "})

# Detection.
detect = {
    "koi8-u-ukrainian": [],
    "short-latin": [],
}
for n in range(40):
    size = rng.choice([(150, 400), (400, 1000), (1000, 3000)])
    t = text_of("uk", *size, encodable="koi8_u", need=lambda s: any(c in s for c in "іїєґІЇЄҐ"))
    detect["koi8-u-ukrainian"].append((t.encode("koi8_u"), "koi8-u"))
WESTERN = ["fr", "de", "es", "it", "nl", "pt", "sv", "da", "fi", "en"]
latin_kinds = [("windows-1252", "cp1252", WESTERN), ("iso-8859-1", "latin_1", WESTERN),
               ("iso-8859-15", "iso8859_15", WESTERN), ("windows-1250", "cp1250", ["cs", "pl", "hu", "ro"])]
for label, codec, langs in latin_kinds:
    for n in range(40):
        lang = langs[n % len(langs)]
        low = rng.randrange(150, 700)
        high = min(1000, low + rng.randrange(100, 400))
        # Text in the code page's own letters (Romanian's comma-below letters are not in windows-1250).
        t = text_of(lang, low, high, need=lambda s: not s.isascii()).replace("ș", "ş").replace("ț", "ţ").replace("Ș", "Ş").replace("Ț", "Ţ")
        if codec != "cp1250" and codec != "cp1252":
            t = t.translate(ASCII_PUNCT)
        t = "".join(c for c in t if c.encode(codec, "ignore") or c == "")
        b = t.encode(codec)
        detect["short-latin"].append((b[:1000], label))

# Repair.
cases = []


def add(category, damaged, want):
    cases.append({"category": category, "damaged": damaged, "want": want})
    cases.append({"category": "clean", "damaged": want, "want": want})


def sizes():
    return rng.choice([(100, 300), (300, 800), (800, 2000)])


for category, lang_list, codec, read_as, count in [
    ("windows-1250-as-windows-1252", ["cs", "pl", "hu"], "cp1250", "cp1252", 45),
    ("windows-1257-as-windows-1252", ["lt", "et"], "cp1257", "cp1252", 30),
    ("shift_jis-as-windows-1252", ["ja"], "cp932", "cp1252", 25),
    ("big5-as-windows-1252", ["zh-tw"], "big5hkscs", "cp1252", 25),
    ("gbk-as-windows-1252", ["zh-cn"], "gbk", "cp1252", 25),
    ("euc-kr-as-windows-1252", ["ko"], "cp949", "cp1252", 25),
    ("koi8-r-as-windows-1251", ["ru"], "koi8_r", "cp1251", 30),
]:
    made = 0
    while made < count:
        t = text_of(lang_list[made % len(lang_list)], *sizes(), encodable=codec)
        damaged = sloppy(read_as)(t.encode(codec))
        if damaged != t:
            add(category, damaged, t)
            made += 1

# UTF-8 read as a CJK code page: only texts the code page reads without an error, as the damage
# happens in the wild (a strict decoder gives up on the rest).
for category, codec, want_count in [("utf8-as-big5", "big5hkscs", 15), ("utf8-as-shift_jis", "cp932", 30),
                                    ("utf8-as-gbk", "gbk", 40), ("utf8-as-euc-kr", "cp949", 30)]:
    made, tries = 0, 0
    while made < want_count and tries < 200000:
        tries += 1
        lang = rng.choice(["fr", "de", "es", "cs", "pl", "hu", "ru", "uk", "en", "et", "lt"])
        t = text_of(lang, 15, rng.choice([60, 120, 250]))
        if t.isascii():
            continue
        try:
            damaged = t.encode("utf-8").decode(codec)
        except UnicodeDecodeError:
            continue
        add(category, damaged, t)
        made += 1


def with_nbsp(t):
    """Puts no-break spaces where typesetters do: before units and after short words and titles."""
    t = re.sub(r"(\d) (%|km|kg|m|€|\$|h|Kč|zł|Ft)\b", "\\1\u00a0\\2", t)
    t = re.sub(r"\b(a|à|A|I|i|o|u|w|z|v|k|s|y|Mr\.|Dr\.|Mrs\.|St\.) ", "\\1\u00a0", t)
    t = re.sub(r" ([:;!?»])", "\u00a0\\1", t)
    return t


for category, codec, want_count in [("nbsp-utf8-as-gbk", "gbk", 40), ("nbsp-utf8-as-cp949", "cp949", 20)]:
    made = 0
    while made < want_count:
        t = with_nbsp(text_of("en", *rng.choice([(100, 300), (300, 900)])))
        if "\u00a0" not in t or not t.replace("\u00a0", " ").isascii():
            continue
        add(category, t.encode("utf-8").decode(codec), t)
        made += 1
    # The seeds' form: the no-break space shows as 泭 (U+6CED).
    if codec == "gbk":
        for n in range(20):
            t = with_nbsp(text_of("en", 100, 600, need=lambda s: s.isascii()))
            if "\u00a0" in t:
                add("nbsp-as-stray-ideograph", t.replace("\u00a0", "泭"), t)

made = 0
while made < 60:
    lang = rng.choice(["fr", "fr", "de", "es", "cs", "pl", "en"])
    t = with_nbsp(text_of(lang, *sizes()))
    if "\u00a0" not in t:
        continue
    damaged = sloppy("cp1252")(t.encode("utf-8")).replace("\u00a0", " ")
    add("utf8-as-windows-1252-nbsp-lost", damaged, t)
    made += 1

# Stripped punctuation: typographic English text that lost its apostrophes and quotes; the want
# has the apostrophe back only in contractions that cannot be read another way.
AMBIGUOUS = {"were", "its", "wont", "cant", "lets", "ill", "well", "shell", "hell", "id", "wed", "hed", "shed", "whos", "its"}
UNAMBIGUOUS = None  # filled from the decode stage's list at evaluation time: the want uses this one
CONTRACTIONS = {
    "don’t", "doesn’t", "didn’t", "isn’t", "aren’t", "wasn’t", "weren’t", "haven’t", "hasn’t", "hadn’t",
    "wouldn’t", "shouldn’t", "couldn’t", "mustn’t", "needn’t", "i’m", "i’ve", "i’d", "i’ll", "you’re", "you’ve",
    "you’ll", "you’d", "they’re", "they’ve", "they’ll", "they’d", "we’ve", "we’re", "we’ll", "we’d", "he’s", "she’s",
    "that’s", "what’s", "there’s", "here’s", "where’s", "who’s", "let’s", "it’s", "won’t", "can’t", "she’ll",
    "he’ll", "it’ll", "that’ll", "there’ll", "ain’t", "he’d", "she’d", "who’d", "would’ve", "could’ve", "should’ve",
}


def typographic(t):
    t = re.sub(r"(\w)'(\w)", "\\1’\\2", t)
    t = re.sub(r"\"(\S[^\"]*?)\"", "“\\1”", t)
    return t


def strip_marks(t):
    return re.sub("[’‘“”]", "", t)


def want_after_stripping(t):
    out = []
    for token in re.split(r"(\w[\w’]*\w)", t):
        if "’" in token and token.lower() in CONTRACTIONS and token.replace("’", "").lower() not in AMBIGUOUS:
            out.append(token)
        else:
            out.append(strip_marks(token))
    return "".join(out)


made = 0
docs = [p for p in english if re.search(r"\w['’](t|re|ve|m|ll|s)\b", p)]
while made < 40:
    i = rng.randrange(len(docs))
    t = typographic("\n".join(docs[i:i + rng.choice([2, 4, 8])]))
    if len(re.findall(r"\w’(t|re|ve|m|ll|s)\b", t)) < 3:
        continue
    cases.append({"category": "stripped-punctuation", "damaged": strip_marks(t), "want": want_after_stripping(t)})
    cases.append({"category": "clean", "damaged": t, "want": t})
    made += 1
# English without any contraction, and without quotes: nothing to restore.
for n in range(40):
    t = text_of("en", 200, 1500, need=lambda s: not re.search(r"['’‘“”\"]", s))
    cases.append({"category": "clean", "damaged": t, "want": t})

os.makedirs(os.path.join(OUT, "detect"), exist_ok=True)
for category, files in detect.items():
    folder = os.path.join(OUT, "detect", category)
    os.makedirs(folder, exist_ok=True)
    with open(os.path.join(folder, "manifest.tsv"), "w") as manifest:
        manifest.write("path\tcharset\n")
        for n, (data, label) in enumerate(files):
            name = f"{n:03d}-{label}.txt"
            open(os.path.join(folder, name), "wb").write(data)
            manifest.write(f"{name}\t{label}\n")
with open(os.path.join(OUT, "repair.jsonl"), "w", encoding="utf-8") as out:
    for c in cases:
        out.write(json.dumps(c, ensure_ascii=False) + "\n")
print(f"{sum(len(f) for f in detect.values())} detection files, {len(cases)} repair cases", file=sys.stderr)
