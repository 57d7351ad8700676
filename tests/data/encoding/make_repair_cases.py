#!/usr/bin/env python3
# Writes repair_cases.txt: winnow's own mojibake cases, made by misreading our own sentences the
# way real software does (UTF-8 bytes decoded as a legacy code page, twice, lossily...), plus clean
# sentences that must come out unchanged. Run from this folder: python3 make_repair_cases.py
import unicodedata

def esc(s):
    out = []
    for ch in s:
        cp = ord(ch)
        cat = unicodedata.category(ch)
        if ch == "\\":
            out.append("\\\\")
        elif cp < 0x20 or 0x7F <= cp <= 0xA0 or cat in ("Zs", "Cf", "Mn", "Co", "Cc") and ch != " ":
            out.append(f"\\u{{{cp:04X}}}")
        else:
            out.append(ch)
    return "".join(out)

def sloppy(codec):
    def decode(b):
        return "".join(bytes([x]).decode(codec, errors="ignore") or chr(x) for x in b)
    return decode

cases = []

def mojibake(text, codec, note, times=1, status="pass"):
    broken = text
    for _ in range(times):
        broken = sloppy(codec)(broken.encode("utf-8"))
    cases.append((f"{note}: UTF-8 read as {codec}" + (f" {times} times" if times > 1 else ""), broken, text, status))

def multibyte(text, codec, note, status="pass"):
    broken = text.encode("utf-8").decode(codec, errors="replace")
    cases.append((f"{note}: UTF-8 read as {codec}", broken, text, status))

def clean(text, note):
    cases.append((f"negative, {note}: already right, must not change", text, text, "pass"))

def case(note, broken, fixed, status="pass"):
    cases.append((note, broken, fixed, status))

mojibake("Le café est fermé à cause de la grève.", "cp1252", "French")
mojibake("Größere Änderungen wurden für nächste Woche angekündigt.", "cp1252", "German")
mojibake("A reunião começará às três horas da tarde.", "cp1252", "Portuguese")
mojibake("El niño comió muchísimo en la fiesta del pueblo.", "cp1252", "Spanish")
mojibake("The minister said “we won’t wait” — and left.", "cp1252", "English with curly quotes and a dash")
mojibake("Price: 25 € per person, “all inclusive”.", "cp1252", "English with euro sign")
mojibake("Příliš žluťoučký kůň úpěl ďábelské ódy.", "cp1250", "Czech")
mojibake("Zażółć gęślą jaźń, powiedział.", "iso8859_2", "Polish")
mojibake("Съешь же ещё этих мягких французских булок.", "cp1251", "Russian")
mojibake("Завтра буде сонячно і тепло.", "cp1251", "Ukrainian")
mojibake("Η γρήγορη καφέ αλεπού πηδά πάνω από τον σκύλο.", "cp1253", "Greek")
mojibake("Pijamalı hasta yağız şoföre çabucak güvendi.", "cp1254", "Turkish")
mojibake("Šiandien oras buvo labai gražus ir šiltas.", "cp1257", "Lithuanian")
mojibake("Très élégant, ce château médiéval.", "mac_roman", "French")
mojibake("Привет, как твои дела сегодня?", "koi8_r", "Russian")
mojibake("Čeština a slovenčina jsou si blízké.", "cp437", "Czech")
mojibake("Ça coûte très cher, n’est-ce pas ?", "cp1252", "French", times=2)
mojibake("Das Ergebnis: „sehr gut“.", "cp1252", "German", times=2)
mojibake("Tiếng Việt có nhiều dấu thanh.", "cp1252", "Vietnamese")
mojibake("これは日本語の文章です。", "cp1252", "Japanese")
mojibake("这是一个中文句子。", "cp1252", "Chinese")
mojibake("이것은 한국어 문장입니다.", "cp1252", "Korean")
mojibake("هذه جملة باللغة العربية.", "cp1252", "Arabic")
mojibake("זה משפט בעברית.", "cp1252", "Hebrew")
mojibake("यह हिंदी में एक वाक्य है।", "cp1252", "Hindi")
mojibake("Great job 😀 see you soon 👍", "cp1252", "English with emoji")
multibyte("今天天气很好", "gbk", "Chinese")
multibyte("中文字符测试", "gbk", "Chinese, lossy (odd bytes became U+FFFD)", status="known-failure")
multibyte("日本語のテキスト", "gbk", "Japanese")
multibyte("Café crème brûlée", "gbk", "French")
multibyte("Le château médiéval était très élégant", "big5", "French")
multibyte("Le château médiéval était très élégant", "shift_jis", "French")
multibyte("Le château médiéval était très élégant", "euc_kr", "French")
multibyte("Über den Wolken", "big5", "German, one accented letter", status="known-failure")
clean("Ctrl-A키 대신에 Ctrl-M키를 사용하면 된다.", "Korean next to Latin key names")
clean("iPhone用のケース、PC版もあります。", "Japanese next to Latin product names")
def legacy(text, written, shown, note, status="pass"):
    broken = "".join(bytes([b]).decode(shown, errors="replace") for b in text.encode(written))
    cases.append((f"{note}: {written} text read as {shown} (legacy-to-legacy)", broken, text, status))

legacy("Привет мир, как у тебя дела сегодня?", "cp1251", "cp1252", "Russian")
legacy("Съешь же ещё этих мягких французских булок", "koi8_r", "cp1252", "Russian")
legacy("Привет мир, как у тебя дела сегодня?", "koi8_r", "cp1251", "Russian")
legacy("Привет мир, как у тебя дела сегодня?", "cp1251", "koi8_r", "Russian")
legacy("中文网页的标题和内容", "gbk", "cp1252", "Chinese")
legacy("Η γρήγορη καφέ αλεπού", "cp1253", "cp1252", "Greek")
legacy("日本語のテキストです", "shift_jis", "cp1252", "Japanese")
legacy("한국어 텍스트입니다", "euc_kr", "cp1252", "Korean")

case("partial mojibake: a pasted phrase broken in otherwise right French text (own)",
     "Une journée très réussie, merci à l’équipe du cafÃ© de la gare, Ã  bientÃ´t.",
     "Une journée très réussie, merci à l’équipe du café de la gare, à bientôt.")
case("partial mojibake, one sequence in text that went through UTF-8 correctly (’): left alone by "
     "policy, as ambiguous as ftfy's negative 'Bremer/Mccoy – DrÃ¥ber' (own)",
     "Une journée très réussie, merci à l’équipe du cafÃ© central.",
     "Une journée très réussie, merci à l’équipe du café central.", status="known-failure")
case("C1 controls: windows-1252 bytes decoded as Latin-1 (own)",
     "He said \u0093hello\u0094 and left\u0085", "He said “hello” and left…")
case("C1 controls: MacRoman bytes decoded as Latin-1, no other accents (own)",
     "El cami\u0097n lleg\u0097 tarde", "El camión llegó tarde")
case("double-escaped reference left in extracted text (own)", "See you&amp;nbsp;tomorrow", "See you\u00A0tomorrow")
case("numeric reference left in extracted text (own)", "It&#8217;s here", "It’s here")
case("markup escapes may be meant: left alone (own)", "Use &lt;br&gt; for a line break", "Use &lt;br&gt; for a line break")
case("stray ideograph for a no-break space (seed 002_cc4fe5faee3a11b9.txt, Transport Topics)",
     "Subscribe to our daily briefing below\u6CEDor go here for more news.",
     "Subscribe to our daily briefing below\u00A0or go here for more news.")
case("lossy: undecodable byte became U+FFFD (own)", "Sloven\u00C4\uFFFDina", "Sloven\uFFFDina")
case("CESU-8 emoji read as Latin-1 (own)", sloppy("latin_1")("😀".encode("utf-8") .decode("utf-8").encode("utf-16-be").decode("utf-16-be").encode("utf-8", "surrogatepass")) and
     "ok " + "".join(sloppy("latin_1")(chr(c).encode("utf-8", "surrogatepass")) for c in (0xD83D, 0xDE00)), "ok 😀")
case("UTF-8 read as windows-1252 then the result read as windows-1251 (own)",
     "Г‚ВЈ5 and Г‚В©2024".encode("cp1251").decode("cp1251"), "£5 and ©2024")
case("no-break space after a capital, with clear mojibake beside it: repaired (own)",
     "BREAKINGÂ\u00A0NEWS: the minister wonâ€™t wait", "BREAKING\u00A0NEWS: the minister won’t wait")

def lowercased_layers(text, times):
    broken = text
    for _ in range(times):
        broken = sloppy("cp1252")(broken.encode("utf-8"))
    return broken.lower()

# Several layers of mojibake that were then lower-cased no longer spell UTF-8; peeled anyway they
# turn into CJK or other letters beside leftover mojibake (as ftfy's negative in-the-wild/038).
for text, times in [("It’s “fine” – really…", 3), ("Don’t panic — it’s “only” a test", 3), ("Smart “quotes” everywhere", 3)]:
    broken = lowercased_layers(text, times)
    case(f"negative, UTF-8 read as cp1252 {times} times, then lower-cased: must not change (own)", broken, broken)

for text, note in [
    ("SUPÂ\u00A0MÂKETTO", "capitals with Â before a no-break space (Nihon-shiki romaji, like ftfy's "
                           "negative known-failures/009)"),
    ("Le café est fermé.", "French"),
    ("Größe und Übermaß", "German"),
    ("Съешь же ещё этих мягких французских булок.", "Russian"),
    ("Ελληνικά κείμενα με τόνους.", "Greek"),
    ("中文文本，没有问题。", "Chinese"),
    ("日本語のテキスト、問題なし。", "Japanese"),
    ("한국어 텍스트입니다.", "Korean"),
    ("مرحبا بالعالم", "Arabic"),
    ("שלום עולם", "Hebrew"),
    ("ภาษาไทยไม่มีปัญหา", "Thai"),
    ("Tiếng Việt không có lỗi.", "Vietnamese"),
    ("NESTLÉ® and AHÅ™ are brand names", "brand names before ® and ™"),
    ("5×£35 and 2012—∞ and √π", "symbols side by side"),
    ("It’s “quoted” – fine…", "English punctuation"),
    ("SELKÄ\u00A0EDELLÄ\u00A0MAAHAN", "Finnish capitals before no-break spaces"),
    ("a radius of 10 Å—", "Ångström sign before a dash"),
    ("├┤a┼┐a┼┐", "box-drawing art"),
    ("ВІКІ is Ukrainian for WIKI", "Ukrainian capitals"),
    ("Straße, Øresund, Ærø, Ísland", "Nordic and German letters"),
    ("Ōsaka, Māori, Hawaiʻi", "macrons and okina"),
    ("The Chinese word 水 means water.", "an ideograph cited in English"),
    ("Temperature: 20 °C ± 0.5", "degree and plus-minus"),
    ("ÀÉÎÕÜ àéîõü", "Latin-1 letters in a row"),
    ("Ñandú, pingüino, ¿qué?", "Spanish punctuation"),
]:
    clean(text, note)

with open("repair_cases.txt", "w", encoding="utf-8") as f:
    f.write("# Mojibake repair cases for tests/decode_repair_test.cpp, written by make_repair_cases.py (winnow's\n")
    f.write("# own sentences; no third-party data). Each case: a '#' line saying where it came from, the damaged\n")
    f.write("# text, then '=> ' and the expected text. '!known-failure' before a case marks a miss we keep.\n")
    f.write("# Escapes: \\u{XXXX} for invisible or control characters, \\\\ for a backslash.\n\n")
    for note, broken, fixed, status in cases:
        f.write(f"# {note}\n")
        if status == "known-failure":
            f.write("!known-failure\n")
        f.write(esc(broken) + "\n=> " + esc(fixed) + "\n\n")
print(len(cases), "cases")
