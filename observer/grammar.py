"""Grammar that depends on a number: Kazakh case endings after numbers, plural forms after numbers.

Kazakh
======
A Kazakh ending follows the word as it is *pronounced*, so the ending after a number written in digits
is chosen by the last word of the number read aloud, and is joined to the digits by a hyphen
(``312-ден``, ``28,8%-ы``, ``10-ға``). After a word written in letters (a month in a date, ``теңге``)
the ending is joined directly (``қаңтардан``).

That hyphen is the non-breaking one (U+2011, :data:`JOIN`): it looks like a hyphen, and a line never
ends with "54%-" and starts the next with "ға". Catalogue entries get the same hyphen wherever a hyphen
joins letters to a digit, a per cent sign, a placeholder or an abbreviation ("{number}-азат жол",
"2-апта", "ОСК-ның"): :func:`join_endings`, applied when the catalogues load.

Which word is read last
-----------------------
* A whole number: its last non-zero place, read 1 бір, 2 екі, 3 үш, 4 төрт, 5 бес, 6 алты, 7 жеті,
  8 сегіз, 9 тоғыз; 10 он, 20 жиырма, 30 отыз, 40 қырық, 50 елу, 60 алпыс, 70 жетпіс, 80 сексен,
  90 тоқсан; 100 жүз; 1000 мың; 1 000 000 миллион; 10⁹ миллиард; 10¹² триллион; 0 нөл.
  So 312 (үш жүз он екі) ends in екі, 40 in қырық, 300 in жүз, 2000 in мың, 1 000 000 in миллион.
* A decimal is read "28 бүтін оннан 8" (28,8), "2 бүтін жүзден 25" (2,25): the digits after the
  comma are read as a whole number, as written (2,50 is "жүзден елу"), and they decide. So 28,8 ends
  in сегіз, 2,5 in бес, 0,10 in он.
* A per cent sign is read пайыз after the number, so it decides: 28,8% -> 28,8%-дан, 28,8%-ы.
  (A number followed by the word "пайыз" is a word ending: пайыздан.)
* The abbreviations мың, млн, млрд, трлн are read мың, миллион, миллиард, триллион:
  315 млн -> 315 млн-нан.

The ending
----------
Vowel harmony: the last vowel of that word (а, о, ұ, ы, я: back -> -дан, -ға ...; ә, е, ө, ү, і, э:
front -> -ден, -ге ...). Then its final sound:

=============  ====================  ============  ==========  ============  ============  ===========
final sound    ablative              dative        locative    genitive      accusative    possessive 3
=============  ====================  ============  ==========  ============  ============  ===========
vowel          -дан/-ден             -ға/-ге       -да/-де     -ның/-нің     -ны/-ні       -сы/-сі
м, н, ң        -нан/-нен             -ға/-ге       -да/-де     -ның/-нің     -ды/-ді       -ы/-і
л, р, й, у, и  -дан/-ден             -ға/-ге       -да/-де     -дың/-дің     -ды/-ді       -ы/-і
ж, з           -дан/-ден             -ға/-ге       -да/-де     -дың/-дің     -ды/-ді       -ы/-і
voiceless, б,  -тан/-тен             -қа/-ке       -та/-те     -тың/-тің     -ты/-ті       -ы/-і
в, г, д
=============  ====================  ============  ==========  ============  ============  ===========

The possessive followed by a case, for a part of a whole that is the object or the place of a verb
("98 мандаттың 76-сын алды", "12 комиссияның 8-інде"): possessive_accusative -сын/-сін after a vowel,
-ын/-ін after a consonant; possessive_locative -сында/-сінде, -ында/-інде. (For a count of one to
seven standing alone Kazakh prefers the collective, "екеуі"; a catalogue entry then names the noun,
"12 ТСК-ның ішінде 2 ТСК", rather than decline the digit.)

Instrumental: -мен after a vowel, л, р, й, у, м, н, ң; -бен after ж, з; -пен after the others.
Locative attributive (the locative and -ғы/-гі: -дағы/-дегі, -тағы/-тегі), for a date or figure that
qualifies a noun: "2020 ж. 30 желтоқсандағы жағдай", "5-тегі".
Attributive (-лық/-лік after a vowel, л, р, й, у; -дық/-дік after м, н, ң, ж, з; -тық/-тік after the
others), for a figure that qualifies a noun: 7% -> "7%-дық кедергі" (жеті пайыздық), 10 -> 10-дық,
5 -> 5-тік, 2 -> 2-лік.
Ordinal (-ншы/-нші after a vowel, -ыншы/-інші after a consonant): 2 -> 2-нші (екінші), 5 -> 5-інші
(бесінші), 10 -> 10-ыншы (оныншы). Written in digits the Kazakh ordinal is usually just "2-", as in
"2-апта" (the catalogue does so); the full ending is for where a word follows that needs it.

Russian (and English) plurals
=============================
:func:`plural` picks the noun form after a number by the locale's CLDR plural rules (Babel): Russian
one (1, 21, 101 кандидат), few (2–4, 22 кандидата), many (5–20, 11, 25 кандидатов), other (fractions:
1,5 кандидата). The forms are given one, few, many[, other]; without an "other" form a fraction takes
the "few" form, the genitive singular that Russian uses after a fraction. English: one, other.
"""

from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation

from babel import Locale

# --- Kazakh -------------------------------------------------------------------------------------------

UNITS = ["", "бір", "екі", "үш", "төрт", "бес", "алты", "жеті", "сегіз", "тоғыз"]
TENS = ["", "он", "жиырма", "отыз", "қырық", "елу", "алпыс", "жетпіс", "сексен", "тоқсан"]
# Powers of a thousand, as read
SCALES = [(10**12, "триллион"), (10**9, "миллиард"), (10**6, "миллион"), (10**3, "мың")]
# Abbreviations written after a number, as read
ABBREVIATIONS = {"%": "пайыз", "мың": "мың", "млн": "миллион", "млрд": "миллиард", "трлн": "триллион"}

BACK_VOWELS = set("аоұыяАОҰЫЯ")
FRONT_VOWELS = set("әеөүіэёюӘЕӨҮІЭЁЮ")
VOWELS = BACK_VOWELS | FRONT_VOWELS
NASALS = set("мнң")
SONORANTS = set("лрйуи")   # и is read ій/ый, у after a vowel is a semivowel: both end like й
VOICED = set("жз")
# everything else (к, қ, п, с, т, ф, х, ц, ч, ш, щ and б, в, г, д) takes the voiceless endings

# case -> (after a vowel, after м н ң, after л р й у и, after ж з, after a voiceless consonant or б в г д);
# each a (back, front) pair
ENDINGS = {
    "ablative": (("дан", "ден"), ("нан", "нен"), ("дан", "ден"), ("дан", "ден"), ("тан", "тен")),
    "dative": (("ға", "ге"), ("ға", "ге"), ("ға", "ге"), ("ға", "ге"), ("қа", "ке")),
    "locative": (("да", "де"), ("да", "де"), ("да", "де"), ("да", "де"), ("та", "те")),
    "genitive": (("ның", "нің"), ("ның", "нің"), ("дың", "дің"), ("дың", "дің"), ("тың", "тің")),
    "accusative": (("ны", "ні"), ("ды", "ді"), ("ды", "ді"), ("ды", "ді"), ("ты", "ті")),
    "possessive": (("сы", "сі"), ("ы", "і"), ("ы", "і"), ("ы", "і"), ("ы", "і")),
    "possessive_accusative": (("сын", "сін"), ("ын", "ін"), ("ын", "ін"), ("ын", "ін"), ("ын", "ін")),
    "possessive_locative": (("сында", "сінде"), ("ында", "інде"), ("ында", "інде"), ("ында", "інде"),
                            ("ында", "інде")),
    "instrumental": (("мен", "мен"), ("мен", "мен"), ("мен", "мен"), ("бен", "бен"), ("пен", "пен")),
    "ordinal": (("ншы", "нші"), ("ыншы", "інші"), ("ыншы", "інші"), ("ыншы", "інші"), ("ыншы", "інші")),
    "locative_attributive": (("дағы", "дегі"), ("дағы", "дегі"), ("дағы", "дегі"), ("дағы", "дегі"),
                             ("тағы", "тегі")),
    "attributive": (("лық", "лік"), ("дық", "дік"), ("лық", "лік"), ("дық", "дік"), ("тық", "тік")),
}
CASES = tuple(ENDINGS)

# Abbreviations that take a hyphen before an ending (the sign and the shortened words); мың is a word.
HYPHENATED = {"%", "млн", "млрд", "трлн"}
JOIN = "\u2011"  # non-breaking hyphen
# a hyphen between a digit, a per cent sign, a placeholder's end or a capital (an abbreviation: ОСК-ның)
# and the small letters of an ending or word: "1-азат", "}-ден"
_ENDING_HYPHEN = re.compile(r"(?<=[\d%}А-ЯЁӘІҢҒҮҰҚӨҺ])-(?=[а-яёәіңғүұқөһ])|(?<=[\d%}])-(?=[^\W\d_])")
_SEPARATORS = "\u00a0\u202f "
_NUMBER = re.compile(r"\d(?:[\d\u00a0\u202f ,.]*\d)?")


def kk_integer_last_word(n: int) -> str:
    """The last word of a whole number read aloud in Kazakh: 312 -> 'екі', 40 -> 'қырық', 2000 -> 'мың'."""
    n = abs(int(n))
    if n == 0:
        return "нөл"
    if n % 10:
        return UNITS[n % 10]
    if n % 100:
        return TENS[n % 100 // 10]
    if n % 1000:
        return "жүз"
    for scale, word in reversed(SCALES):  # мың, миллион, миллиард, триллион
        if n % (scale * 1000) or word == "триллион":
            return word
    raise AssertionError("unreachable")


def _tail(text: str) -> tuple[str, str]:
    """Split a written number or phrase into (head, last token): '28,8%' -> ('28,8', '%'),
    '315 млн' -> ('315', 'млн'), '312' -> ('', '312'), '2021 ж. 10 қаңтар' -> ('2021 ж. 10', 'қаңтар')."""
    text = text.rstrip()
    if text.endswith("%"):
        return text[:-1].rstrip(_SEPARATORS), "%"
    word = re.search(r"[^\W\d_]+$", text)
    if word:
        return text[:word.start()].rstrip(), word.group(0)
    number = re.search(r"\d(?:[\d\u00a0\u202f ,.]*\d)?$", text)
    if not number:
        raise ValueError(f"no number or word to decline at the end of {text!r}")
    return text[:number.start()], number.group(0)


def kk_last_word(text) -> str:
    """The last word read aloud of a number as written ('28,8%', '312', '11 915 903', '315 млн', '2,5')
    or of a text ending in a word ('2021 ж. 10 қаңтар' -> 'қаңтар')."""
    if not isinstance(text, str):
        text = format(parse_number(text), "f")
    _, last = _tail(text)
    if last[0].isdigit():
        whole, fraction = split_decimal(last, "kk")
        return kk_integer_last_word(int(fraction) if fraction else int(whole))
    return ABBREVIATIONS.get(last, last).lower()


def split_decimal(number: str, locale: str = "kk") -> tuple[str, str]:
    """Whole and fractional digits of a number as written. English groups thousands with commas and
    writes a decimal point; Kazakh and Russian group with (no-break) spaces and write a decimal comma,
    and a point is taken as a decimal mark too (28.8 as typed). A mark that occurs twice groups
    thousands. '11 915 903' -> ('11915903', ''), '28,8' -> ('28', '8'), '1,234,567' -> ('1234567', '')."""
    number = re.sub(f"[{_SEPARATORS}]", "", number)
    if locale.split("_")[0] == "en":
        number = number.replace(",", "")
    for mark in (",", "."):
        if number.count(mark) > 1:
            number = number.replace(mark, "")
    marks = [i for i, c in enumerate(number) if c in ",."]
    if not marks:
        return number, ""
    decimal = marks[-1]
    head = re.sub(r"[,.]", "", number[:decimal])
    return head, number[decimal + 1:]


def _sound_class(word: str) -> int:
    last = word[-1].lower()
    if last in VOWELS:
        return 0
    if last in NASALS:
        return 1
    if last in SONORANTS:
        return 2
    if last in VOICED:
        return 3
    return 4


def _is_front(word: str) -> bool:
    for letter in reversed(word.lower()):
        if letter in FRONT_VOWELS:
            return True
        if letter in BACK_VOWELS:
            return False
    return True


def kk_ending(text, case: str) -> str:
    """The Kazakh ending of ``case`` for a number or word as written, without the hyphen:
    kk_ending('312', 'ablative') -> 'ден'; kk_ending('28,8%', 'possessive') -> 'ы'."""
    if case not in ENDINGS:
        raise ValueError(f"unknown Kazakh case {case!r}; one of {', '.join(CASES)}")
    word = kk_last_word(text)
    back, front = ENDINGS[case][_sound_class(word)]
    return front if _is_front(word) else back


def kk_case(text, case: str) -> str:
    """The number or word with its Kazakh case ending: '312' -> '312-ден', '28,8%' -> '28,8%-ы',
    '10' -> '10-ға', '315 млн' -> '315 млн-нан', '2021 ж. 10 қаңтар' -> '2021 ж. 10 қаңтардан'.
    After digits, the per cent sign or an abbreviation (млн, млрд, трлн) the ending takes a hyphen;
    after a word written in full (мың, қаңтар, теңге), none."""
    if not isinstance(text, str):
        text = format(parse_number(text), "f")
    text = text.rstrip()
    ending = kk_ending(text, case)
    _, last = _tail(text)
    if last[0].isdigit() or last in HYPHENATED:
        return f"{text}{JOIN}{ending}"
    return text + ending


def join_endings(text: str) -> str:
    """Every hyphen that joins an ending or a word to a number, a placeholder for one or an abbreviation
    made the non-breaking hyphen: '1-азат жол' -> '1\u2011азат жол', 'ОСК-ның' -> 'ОСК\u2011ның';
    '{first}- және' is kept (no letter follows)."""
    return _ENDING_HYPHEN.sub(JOIN, text)


# --- plurals --------------------------------------------------------------------------------------------

PLURAL_ORDER = {"ru": ("one", "few", "many", "other"), "en": ("one", "other"), "kk": ("one", "other")}


def parse_number(text, locale: str = "kk") -> Decimal:
    """A number as the locales write it, back to a Decimal that keeps its written decimals:
    '11 915 903' -> 11915903, '1,5' -> 1.5, '1,0' -> 1.0 (a fraction), '12,345' (en) -> 12345, '28,8 %' -> 28.8."""
    if isinstance(text, (int, Decimal)):
        return Decimal(text)
    if isinstance(text, float):
        return Decimal(str(text))
    match = _NUMBER.search(str(text))
    if not match:
        raise ValueError(f"no number in {text!r}")
    whole, fraction = split_decimal(match.group(0), locale)
    try:
        return Decimal(f"{whole}.{fraction}" if fraction else whole)
    except InvalidOperation as error:
        raise ValueError(f"not a number: {text!r}") from error


def plural_category(value, locale: str) -> str:
    """CLDR's plural category of a number (or of a number as written) in a locale: 'one', 'few', ..."""
    return Locale.parse(locale).plural_form(parse_number(value, locale))


def plural_word(value, forms: list[str] | tuple[str, ...], locale: str) -> str:
    """The noun form after ``value``. Russian forms: one, few, many[, other] (кандидат, кандидата,
    кандидатов); English: one, other. A missing 'other' form is the 'few' form in Russian (1,5 кандидата)
    and the last form given otherwise."""
    order = PLURAL_ORDER.get(locale.split("_")[0], ("one", "other"))
    forms = list(forms)
    if not forms:
        raise ValueError("no plural forms given")
    by_category = dict(zip(order, forms))
    category = plural_category(value, locale)
    if category in by_category:
        return by_category[category]
    if category == "other" and "few" in by_category:
        return by_category["few"]
    return forms[-1]


def plural(value, forms, locale: str) -> str:
    """The number as written followed by its noun: plural('21', ['кандидат', 'кандидата', 'кандидатов'],
    'ru') -> '21 кандидат'; plural('5', ...) -> '5 кандидатов'; plural('1,5', ...) -> '1,5 кандидата'."""
    return f"{value} {plural_word(value, forms, locale)}"


def quoted(name) -> str:
    """A name in running text as a proper name: in «», as Russian writes a party's name in a sentence
    (партия «Нур Отан», следом — «Ак жол»). A name already in quotes, or an abbreviation (no lower-case
    letter: НПК, ADAL), is left as it is."""
    text = str(name).strip()
    if not text or text[0] in "«\"„“'" or not any(c.islower() for c in text):
        return text
    return f"«{text}»"
