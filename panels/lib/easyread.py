"""Easy-read checker: finds what makes text hard to read and says what to change.

Rules follow the UK easy-read guides (Mencap, Department of Health, CHANGE): short
sentences, one idea per sentence, common words, no passive voice, no acronyms, digits
not number words, no percentages, no idioms, simple punctuation (no '&' or '/', no
acronym in brackets: ``easyread_style``).

Empty or blank text gives an ok report with no problems (nothing to fix yet).
Text mostly in another script, or not in English, gives one "not-english" problem.
`check` never raises on any str.
"""

from __future__ import annotations

import math
import re
import sys
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from panels.lib import easyread_questions as questions
from panels.lib import easyread_style as style
from panels.lib import easyread_words as words

LONG_SENTENCE = 20  # flag sentences with more words than this
VERY_LONG_SENTENCE = 24  # ... unless the words are short (average below SHORT_WORDS_AVG)
SHORT_WORDS_AVG = 4.4
ING_START_WORDS = 8  # sentences this long that start "Changing the ..." are hard to follow
EVERYDAY_ING_ZIPF = 5.3  # ... unless the -ing word is an everyday one: "Having", "Getting"
TARGET_WORDS = 15  # the number we ask people to aim for
UNCOMMON_ZIPF = 2.7  # wordfreq zipf below this counts as uncommon
LONG_WORD_LEN = 11  # long words must be more common than LONG_WORD_ZIPF
LONG_WORD_ZIPF = 3.0
DENSE_LEN = 7  # words this long and rarer than DENSE_ZIPF count towards a dense sentence
DENSE_ZIPF = 5.0
DENSE_MIN_WORDS = 14  # 1 formal word and 1 long word are too much in a long sentence
SHORT_SENTENCE = 8  # in a sentence this short, 3 long words are still easy to follow
FAMILY_PREFIX = 6  # words that start with the same 6 letters count as 1 word family
ABSTRACT_ZIPF = 5.3  # long words with abstract endings (-tion, -ment, -ity) rarer than this
# Word endings of abstract, formal words: "consideration", "appropriate", "effectively".
_ABSTRACT_ENDINGS = (
    "tion",
    "tions",
    "sion",
    "sions",
    "ment",
    "ments",
    "ance",
    "ances",
    "ence",
    "ences",
    "ity",
    "ities",
    "ism",
    "ive",
    "ives",
    "ively",
    "ous",
    "ible",
    "able",
    "ise",
    "ised",
    "ising",
    "ize",
    "ized",
    "izing",
    "ate",
    "ated",
    "ating",
    "ally",
    "ial",
    "ical",
    "ional",
    "ual",
    "ant",
    "ent",
    "ency",
    "ancy",
)


@dataclass(frozen=True)
class Problem:
    """One thing to change in the text."""

    rule: str
    message: str
    start: int
    end: int
    excerpt: str
    suggestion: str | None = None

    def as_dict(self) -> dict[str, object]:
        return {
            "rule": self.rule,
            "message": self.message,
            "start": self.start,
            "end": self.end,
            "excerpt": self.excerpt,
            "suggestion": self.suggestion,
        }


@dataclass(frozen=True)
class Report:
    """The result of checking one text."""

    text: str
    problems: tuple[Problem, ...]

    @property
    def ok(self) -> bool:
        return not self.problems

    def as_dict(self) -> dict[str, object]:
        return {"ok": self.ok, "problems": [p.as_dict() for p in self.problems]}


# --- tokens and sentences -------------------------------------------------------------

_APOSTROPHES = str.maketrans({"\u2019": "'", "\u2018": "'", "\u02bc": "'"})
_WORD_RE = re.compile(r"[^\W_]+(?:['\u2019\-][^\W_]+)*")
_ABBREV = frozenset("e.g i.e etc mr mrs ms dr st no approx vs prof cllr".split())
_SENT_END_RE = re.compile(r"[.!?]+[\"')\]\u201d\u2019]*(?=\s|$)|\n|\r")
_LAST_WORD_RE = re.compile(r"([\w.]+)$")
_BULLET_RE = re.compile(r"\s*(?:[\u2022\u25cf\u25aa\u2023\u2043\u2013\u2014*>\-]|\d{1,2}[.)])\s+")


def _is_latin_letter(ch: str) -> bool:
    return ch.isascii() or unicodedata.name(ch, "").startswith("LATIN")


def sentences(text: str) -> list[tuple[int, int]]:
    """Spans (start, end) of sentences. Line breaks end sentences (bullets, headings)."""
    spans: list[tuple[int, int]] = []
    start = 0
    for m in _SENT_END_RE.finditer(text):
        if m.group().startswith(".") and len(m.group()) == 1:
            before = _LAST_WORD_RE.search(text, max(start, m.start() - 12), m.start())
            if before and before.group(1).lower().rstrip(".") in _ABBREV:
                continue
        _add_span(text, start, m.end() if m.group().strip() else m.start(), spans)
        start = m.end()
    _add_span(text, start, len(text), spans)
    return spans


def _add_span(text: str, start: int, end: int, spans: list[tuple[int, int]]) -> None:
    bullet = _BULLET_RE.match(text, start, end)
    if bullet:
        start = bullet.end()
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    if any(ch.isalnum() for ch in text[start:end]):
        spans.append((start, end))


# --- word lookups (built once) --------------------------------------------------------


@lru_cache(maxsize=1)
def _freq() -> dict[str, float]:
    from wordfreq import get_frequency_dict

    return get_frequency_dict("en")


def preload() -> None:
    """Load the word list now (about 0.3 s), e.g. at app start, not on the first check."""
    _freq()


def _zipf(word: str) -> float:
    f = _freq().get(word, 0.0)
    return math.log10(f) + 9 if f > 0 else 0.0


_ENDINGS = (
    ("ies", "y"),
    ("ied", "y"),
    ("ing", ""),
    ("ing", "e"),
    ("ed", ""),
    ("ed", "e"),
    ("es", ""),
    ("s", ""),
    ("ly", ""),
    ("er", ""),
    ("d", ""),
)


@lru_cache(maxsize=65536)
def _word_zipf(word: str) -> float:
    """Zipf of a word or, if higher, of its stem ("meets" counts as "meet")."""
    best = _zipf(word)
    for end, add in _ENDINGS:
        if word.endswith(end) and len(word) - len(end) >= 3:
            best = max(best, _zipf(word[: -len(end)] + add))
    return best


def _forms(word: str) -> set[str]:
    """The word and its common endings: -s, -es, -ed, -ing, -ies, -ied."""
    out = {word, word + "s", word + "es", word + "ed", word + "ing", word + "d"}
    if word.endswith("e"):
        out |= {word[:-1] + "ing", word[:-1] + "ed"}
    if word.endswith("y"):
        out |= {word[:-1] + "ies", word[:-1] + "ied"}
    if word.endswith("s"):
        out.add(word[:-1])
    if _doubles(word):
        out |= {word + word[-1] + "ed", word + word[-1] + "ing"}  # submitted, permitting
    return out


def _doubles(word: str) -> bool:
    """True for verbs that double their last letter: submit, permit, refer, regret."""
    vowels = "aeiou"
    return (
        len(word) >= 5
        and word[-1] not in vowels + "wxy"
        and word[-2] in vowels
        and word[-3] not in vowels
        and word.endswith(("it", "er", "et", "el", "ol", "ur", "ep"))
    )


@lru_cache(maxsize=1)
def _hard_single() -> dict[str, tuple[str, str]]:
    table: dict[str, tuple[str, str]] = {}
    for hard, plain in words.HARD_WORDS.items():
        if " " not in hard and "." not in hard:
            # American spellings too: "prioritize" like "prioritise"
            spellings = [hard, hard[:-3] + "ize"] if hard.endswith("ise") else [hard]
            for form in (f for spelling in spellings for f in _forms(spelling)):
                table.setdefault(form, (hard, plain))
    return table


def _phrase_re(phrases: list[str]) -> re.Pattern[str]:
    parts = sorted(phrases, key=len, reverse=True)
    alts = "|".join(re.escape(p).replace(r"\ ", r"\s+") for p in parts)
    return re.compile(r"(?<![\w-])(?:" + alts + r")(?![\w-])", re.IGNORECASE)


@lru_cache(maxsize=1)
def _hard_phrase_re() -> re.Pattern[str]:
    return _phrase_re([h for h in words.HARD_WORDS if " " in h or "." in h])


@lru_cache(maxsize=1)
def _idiom_re() -> re.Pattern[str]:
    return _phrase_re(list(words.IDIOMS))


# --- rules ----------------------------------------------------------------------------


@dataclass
class _Token:
    text: str  # as written, apostrophes made straight
    low: str
    start: int
    end: int


def _tokens(text: str, start: int, end: int) -> list[_Token]:
    out = []
    for m in _WORD_RE.finditer(text, start, end):
        t = m.group().translate(_APOSTROPHES)
        out.append(_Token(t, t.lower(), m.start(), m.end()))
    return out


def _problem(
    text: str, rule: str, message: str, start: int, end: int, hint: str | None = None
) -> Problem:
    return Problem(rule, message, start, end, text[start:end], hint)


def _check_length(text: str, s: int, e: int, toks: list[_Token]) -> list[Problem]:
    n = len(toks)
    if n <= LONG_SENTENCE:
        return []
    short_words = sum(len(t.text) for t in toks) / n < SHORT_WORDS_AVG
    if short_words and n <= VERY_LONG_SENTENCE:
        return []  # a few extra short, everyday words are still easy to follow
    msg = f"This sentence has {n} words. Try to use {TARGET_WORDS} words or fewer."
    return [_problem(text, "long-sentence", msg, s, e, "Split it into 2 or more sentences.")]


_PRONOUNS = frozenset("i you we they he she who".split())
_JOIN_PRONOUNS = frozenset("i you we they he she it there this these those".split())
_STRONG_JOINERS = frozenset("which whereas although though whilst however therefore".split())
_WEAK_JOINERS = frozenset("because but unless while so".split())


def _check_one_idea(text: str, s: int, e: int, toks: list[_Token]) -> list[Problem]:
    sentence = text[s:e]
    score = 0
    if re.search(r";\s*\w", sentence):
        score += 2
    if re.search(r",\s+which\b", sentence, re.IGNORECASE):
        score += 2
    for i, t in enumerate(toks[1:], start=1):
        nxt = toks[i + 1].low if i + 1 < len(toks) else ""
        if t.low in _STRONG_JOINERS:
            score += 1
        elif t.low in _WEAK_JOINERS:
            score += 1
        elif t.low in ("and", "or") and nxt in _JOIN_PRONOUNS:
            score += 1
    if score < 2:
        return []
    msg = "This sentence has more than 1 idea. Try to split it up."
    return [_problem(text, "one-idea", msg, s, e, "Use 1 sentence for each idea.")]


_ING_NEXT = frozenset(
    "a an the your our their this that these those his her its some any all more up out".split()
)
# Common -ing words that start a sentence as formal links: "Following this, ...".
_FORMAL_ING = frozenset("following including regarding concerning according".split())
_NOT_GERUND = frozenset("something nothing everything anything morning evening during".split())


def _check_ing_start(text: str, toks: list[_Token]) -> list[Problem]:
    """'Changing the plan can help.' Easy read starts with who does it: 'You can change'."""
    if len(toks) < ING_START_WORDS or len(toks[0].low) < 6 or toks[0].low in _NOT_GERUND:
        return []
    if not toks[0].low.endswith("ing") or toks[1].low not in _ING_NEXT:
        return []
    if _zipf(toks[0].low) >= EVERYDAY_ING_ZIPF and toks[0].low not in _FORMAL_ING:
        return []  # "Having the vaccine makes you less likely to get ill.": plain enough
    msg = "Start with who does it. For example, 'You can change the plan'."
    return [_problem(text, "ing-start", msg, toks[0].start, toks[0].end)]


_BE = frozenset("am is are was were be been being".split())
_BETWEEN = frozenset("not also usually always never only often all then now just being".split())
_AUX = frozenset("will would can could may might must should shall have has had to not".split())


def _skippable(low: str) -> bool:
    return low in _AUX or low in _BE or low in _BETWEEN or low.endswith("ly")


def _is_participle(low: str) -> bool:
    if low in words.NOT_PASSIVE:
        return False
    if low in words.IRREGULAR_PARTICIPLES:
        return True
    return len(low) > 4 and low.endswith("ed") and not low.endswith("eed")


def _check_passive(text: str, toks: list[_Token], with_must: bool = False) -> list[Problem]:
    out = []
    for i, t in enumerate(toks):
        if t.low not in _BE or t.low == "being":
            # "Being harassed means being picked on.": a -ing form naming what happens,
            # and in "is being sent" the "is" before it is the one counted.
            continue
        j = i + 1
        while j < len(toks) and (toks[j].low in _BETWEEN or toks[j].low.endswith("ly")):
            j += 1
        if j >= len(toks) or not _is_participle(toks[j].low):
            continue
        if i > 0 and toks[i - 1].low == "to":
            continue  # "to be seen": the subject is earlier, often the reader
        k = i - 1
        while k >= 0 and _skippable(toks[k].low):
            k -= 1
        if k >= 0 and toks[k].low in _PRONOUNS:
            continue  # "You will be asked" is clear: the reader knows who it is about.
        msg = "Say who does this. For example, 'We will send it', not 'It will be sent'."
        start = t.start
        if with_must and i > 0 and toks[i - 1].low in _DUTY:
            start = toks[i - 1].start  # the excerpt shows "must be ..." or "should be ..."
        out.append(_problem(text, "passive", msg, start, toks[j].end))
    return out


def _passives_to_flag(text: str, end: int, toks: list[_Token], other: bool) -> list[Problem]:
    """Passives that make this sentence hard.

    Easy-read guides allow a short plain passive ("No forms will be accepted late.").
    We flag a passive when it names the doer with "by", when it hides who must act
    ("The form must be completed", "Invitations should be sent to patients"), when the
    sentence has 2 or more, or when the sentence has other problems too.
    """
    found = _check_passive(text, toks, with_must=True)
    if other or len(found) >= 2:
        return found
    return [p for p in found if _MUST_RE.search(p.excerpt) or _BY_AGENT_RE.match(text, p.end, end)]


# "must" and "should" say someone has to act: the passive hides who ("Invitations should
# be sent to patients"), so it is flagged even in a short sentence. "by the law" names no
# one who acts ("A protected characteristic is one that is covered by the law."), like
# "by the end" or "by post".
_DUTY = frozenset(("must", "should"))
_MUST_RE = re.compile(r"^(?:must|should)\b", re.IGNORECASE)
_BY_AGENT_RE = re.compile(
    r"(?:\s+[\w']+){0,4}?\s+by\s+(?!\d|(?:the\s+)?law\b|the\s+(?:end|time|way)\b"
    r"|(?:mon|tue|wed|thu|fri|sat|sun)"
    r"|(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\b|(?:post|email|phone)\b)",
    re.IGNORECASE,
)


_HAVE = frozenset("have has had i've you've we've they've 've".split())
_MODALS = frozenset("would could should might must will may".split())


def _chain_end(toks: list[_Token], i: int) -> int | None:
    """The last token of a 3-word verb chain starting at toks[i], or None.

    "have had to", "have been waiting", "would have done" ("would you have done" in a
    question): easy read uses 1 plain verb ("had to", "waited", "did"). "have been asked"
    is left to the passive rule.
    """
    a = toks[i].low
    if a in _HAVE or a.endswith("'ve"):
        if i + 2 >= len(toks):
            return None
        b, c = toks[i + 1].low, toks[i + 2].low
        if b == "had" and c == "to":
            return i + 2
        if b == "been" and c.endswith("ing") and len(c) > 5 and c not in _NOT_GERUND:
            return i + 2
        return None
    if a not in _MODALS:
        return None
    j = i + 2 if i + 1 < len(toks) and toks[i + 1].low in _PRONOUNS else i + 1
    if j + 1 >= len(toks) or toks[j].low != "have":
        return None
    c = toks[j + 1].low
    if c in ("been", "had", "done", "gone") or _is_participle(c):
        return j + 1
    return None


def _check_verb_chains(text: str, toks: list[_Token]) -> list[Problem]:
    out = []
    for i in range(len(toks)):
        end = _chain_end(toks, i)
        if end is None:
            continue
        words_ = " ".join(t.text for t in toks[i : end + 1])
        msg = f"'{words_}' is a hard way to say when something happened."
        hint = "Use 1 short verb, like 'had to', 'did' or 'helped'."
        out.append(_problem(text, "verb-chain", msg, toks[i].start, toks[end].end, hint))
    return out


def _check_words(
    text: str, toks: list[_Token], explained: set[str], defined: frozenset[str] = frozenset()
) -> list[Problem]:
    out: list[Problem] = []
    hard = _hard_single()
    less_common: list[_Token] = []
    caps_heading = sum(t.text.isupper() for t in toks) * 2 > len(toks) > 2
    for i, t in enumerate(toks):
        found = None if t.low in defined else _hard_word(text, toks, i, hard)
        if found is None:
            found = _number_word(text, toks, i)
        if found is None:
            found = _acronym(text, t, caps_heading, explained)
        if found is not None:
            out.extend(found)
            continue
        kind = _word_kind(t.text)
        if kind == "uncommon":
            msg = f"Not many people know the word '{t.text}'. Try a more common word."
            out.append(_problem(text, "uncommon-word", msg, t.start, t.end))
        elif kind == "less" and t.low not in defined:
            less_common.append(t)
    if _dense(less_common, len(toks)):
        for t in less_common:
            msg = f"'{t.text}' is a long word that people do not use much. Try an everyday word."
            out.append(_problem(text, "uncommon-word", msg, t.start, t.end))
    return out


# Each word check returns None if the word is not of its kind, else the problems found
# (none, for a word of its kind that is fine, like a known acronym).


def _hard_word(
    text: str, toks: list[_Token], i: int, hard: dict[str, tuple[str, str]]
) -> list[Problem] | None:
    t = toks[i]
    if t.low not in hard:
        return None
    head, plain = hard[t.low]
    nxt = toks[i + 1].low if i + 1 < len(toks) else ""
    if nxt in words.PLAIN_BEFORE.get(head, ()):
        return []  # "you do not identify as ...": the plain use of the word
    if _in_name(toks, i):
        return []  # "General Practitioners": the name of a thing, as it is called
    msg = f"'{t.text}' is a hard word."
    return [_problem(text, "hard-word", msg, t.start, t.end, f"Use '{plain}'.")]


def _in_name(toks: list[_Token], i: int) -> bool:
    """True for a capitalised word inside a name of 2 or more capitalised words, not first
    in its sentence: "General Practitioners (GPs), nurses and other medical professionals".
    Like other names, it is what the thing is called. A sentence mostly in capitals
    ("Why Is It Critical to Keep Records?") is a heading, and its words are checked."""
    if i == 0 or not toks[i].text[0].isupper() or toks[i].text.isupper():
        return False
    capitals = sum(t.text[0].isupper() for t in toks)
    if capitals * 2 > len(toks):
        return False
    before = toks[i - 1].text[0].isupper() and i - 1 > 0
    after = i + 1 < len(toks) and toks[i + 1].text[0].isupper()
    return before or after


def _number_word(text: str, toks: list[_Token], i: int) -> list[Problem] | None:
    t = toks[i]
    low = t.low
    msg = "Use numbers, like 5, not words, like five."
    if low in words.NUMBER_WORDS or "-" in low and low.split("-")[0] in words.NUMBER_WORDS:
        if (
            i >= 2
            and toks[i - 1].low in ("or", "to", "and")
            and toks[i - 2].low in words.NUMBER_WORDS
        ):
            return []  # "two or three": one finding, on the first number word
        next_cap = i + 1 < len(toks) and toks[i + 1].text[0].isupper()
        if t.text[0].isupper() and (i > 0 or next_cap):
            return []  # part of a name, like "Two Rivers"
        digit = words.NUMBER_WORDS.get(low, "a number")
        hint = f"Use '{digit}', not '{t.text}'."
        return [_problem(text, "number-words", msg, t.start, t.end, hint)]
    if low == "one" and i + 1 < len(toks) and toks[i + 1].low in words.ONE_UNITS:
        return [_problem(text, "number-words", msg, t.start, t.end, "Use '1', not 'one'.")]
    return None


def _acronym(text: str, t: _Token, caps_heading: bool, explained: set[str]) -> list[Problem] | None:
    if not (t.text.isupper() and len(t.text) > 1 and any(c.isalpha() for c in t.text)):
        return None
    if caps_heading or t.text in words.KNOWN_ACRONYMS or t.text in explained:
        return []
    if not t.text.isalpha():
        return []  # codes like "B12" or "2PM"
    msg = f"Not everyone knows what '{t.text}' means. Write it out in full."
    return [_problem(text, "acronym", msg, t.start, t.end, "Write the words, not the letters.")]


def _is_abstract(low: str) -> bool:
    """Long, formal words like 'consideration' or 'appropriate'."""
    return low.endswith(_ABSTRACT_ENDINGS) and _word_zipf(low) < ABSTRACT_ZIPF


def _dense(less_common: list[_Token], n_words: int) -> bool:
    """True when a sentence holds too many long, less common or formal words.

    A word said twice counts once ("2 injections of the vaccine ... the vaccine"): the
    reader meets it once. A short sentence (SHORT_SENTENCE words or fewer) carries 2 or
    3 long names of things well ("The coronavirus vaccine is an injection.").
    """
    distinct = {_stem(t.low): t.low for t in less_common}
    abstract = sum(_is_abstract(low) for low in distinct.values())
    count = len(distinct)
    if abstract >= 2 or count >= 4:
        return True
    if n_words <= SHORT_SENTENCE:
        return False
    if count >= 3 and (abstract >= 1 or n_words >= DENSE_MIN_WORDS):
        return True
    return abstract >= 1 and count >= 2 and n_words >= DENSE_MIN_WORDS


def _stem(low: str) -> str:
    """One key per word family: 'vaccine', 'vaccines' and 'vaccination' count once."""
    return low[:FAMILY_PREFIX]


# "A vaccination is when ...", "The coronavirus vaccine is an injection.", "BMI means ...",
# "Safeguarding means keeping people safe.":
# the sentence says what its first words mean, as easy-read guides ask.
_DEFINES_RE = re.compile(
    r"^\s*(?:an?\s+|the\s+)?((?:[\w'’-]+\s+){0,2}[\w'’-]+)\s+(?:(?:is|are|means)\s+"
    r"(?:when|where|a|an|the|like|short\s+for|someone|something|a\s+way)"
    r"|means\s+(?:what|how|\w+ing))\b",
    re.IGNORECASE,
)


def _defined_words(text: str, s: int, e: int) -> set[str]:
    m = _DEFINES_RE.match(text, s, e)
    return {w.lower() for w in _WORD_RE.findall(m.group(1))} if m else set()


def _defined_in(text: str, spans: list[tuple[int, int]]) -> frozenset[str]:
    """Words the text says the meaning of ("Employment is when you get a job."): like an
    acronym written out once, they are fine in every sentence of that text."""
    found: set[str] = set()
    for s, e in spans:
        found |= _defined_words(text, s, e)
    return frozenset(found)


def _allowed(low: str) -> bool:
    """True for words in the job-domain allowlist, with or without endings."""
    if low in words.ALLOWED_WORDS:
        return True
    for end, add in _ENDINGS:
        if low.endswith(end) and (low[: -len(end)] + add) in words.ALLOWED_WORDS:
            return True
    return False


@lru_cache(maxsize=65536)
def _word_kind(word: str) -> str:
    """'uncommon' (rare word), 'less' (long, not everyday) or '' for a token as written."""
    if not word[0].islower() or not word.isascii() or any(c.isdigit() for c in word):
        return ""  # names, places, numbers, other scripts
    low = word.lower()
    if _allowed(low):
        return ""
    for part in low.split("-") if "-" in low else [low]:
        if not part or _allowed(part):
            continue
        z = _word_zipf(part)
        if z < UNCOMMON_ZIPF or (len(part) >= LONG_WORD_LEN and z < LONG_WORD_ZIPF):
            return "uncommon"
    if len(low) >= DENSE_LEN and word.isalpha():
        if _word_zipf(low) < DENSE_ZIPF or _is_abstract(low):
            return "less"  # several of these in one sentence make it hard
    return ""


def _check_phrases(text: str, s: int, e: int) -> list[Problem]:
    out = []
    for m in _hard_phrase_re().finditer(text, s, e):
        key = re.sub(r"\s+", " ", m.group().lower())
        plain = words.HARD_WORDS.get(key, "")
        msg = f"'{m.group()}' is hard to read."
        out.append(_problem(text, "hard-word", msg, m.start(), m.end(), f"Use '{plain}'."))
    for m in _idiom_re().finditer(text, s, e):
        key = re.sub(r"\s+", " ", m.group().lower())
        plain = words.IDIOMS.get(key, "")
        msg = f"'{m.group()}' is a saying. Not everyone knows what it means."
        out.append(_problem(text, "idiom", msg, m.start(), m.end(), f"Say '{plain}'."))
    return out


_PERCENT_RE = re.compile(
    r"\d+(?:[.,]\d+)?\s?%|%|\b(?:per\s?cent|percent|percentage)s?\b", re.IGNORECASE
)


def _check_percent(text: str, s: int, e: int) -> list[Problem]:
    msg = "Many people find per cent hard to understand."
    hint = "Say '1 in 4' or 'most people' instead."
    return [
        _problem(text, "percentage", msg, m.start(), m.end(), hint)
        for m in _PERCENT_RE.finditer(text, s, e)
    ]


_EXPLAINED_RE = re.compile(r"\(([A-Z]{2,})\)")


# "CCG means Clinical Care Commissioning Group.": the easy-read way to explain letters.
_SAYS_LETTERS_RE = re.compile(
    r"(?:^|[.!?:]\s+|\n\s*)([A-Z]{2,})s?\s+(?:means|stands\s+for|is\s+short\s+for)\s"
)


def _explained_acronyms(text: str) -> set[str]:
    """Acronyms written out once, like 'human resources (HR)', or said in a sentence of
    their own, like 'CCG means Clinical Care Commissioning Group.', are fine after that."""
    found = {m.group(1) for m in _SAYS_LETTERS_RE.finditer(text)}
    for m in _EXPLAINED_RE.finditer(text):
        letters = m.group(1)
        before = _WORD_RE.findall(text[max(0, m.start() - 120) : m.start()])
        initials = "".join(w[0].upper() for w in before[-len(letters) * 2 :])
        if letters in initials:
            found.add(letters)
    return found


def _not_english(text: str) -> Problem | None:
    letters = [c for c in text if c.isalpha()]
    if not letters:
        return None
    other = sum(not _is_latin_letter(c) for c in letters)
    if other * 2 > len(letters):
        return _whole(text)
    lows = [w.lower() for w in _WORD_RE.findall(text) if w.isalpha() and w.isascii()]
    if len(lows) >= 5 and sum(_zipf(w) < 2.5 for w in lows) * 2 > len(lows):
        return _whole(text)
    return None


def _whole(text: str) -> Problem:
    start = len(text) - len(text.lstrip())
    end = len(text.rstrip())
    msg = "This checker only reads English. Please write in English."
    return Problem("not-english", msg, start, end, text[start:end])


def _question_problems(text: str, s: int, e: int, found: list[Problem]) -> list[Problem]:
    """The interview-question rules (``easyread_questions``), skipping words already flagged."""
    taken = {(p.start, p.end) for p in found}
    out = []
    for rule, message, start, end, hint in questions.question_rules(text[s:e], s):
        if rule in ("abstract-word", "question-word") and any(
            a <= start and end <= b for a, b in taken
        ):
            continue
        out.append(_problem(text, rule, message, start, end, hint))
    return out


def _style_problems(text: str, s: int, e: int, found: list[Problem]) -> list[Problem]:
    """Punctuation rules (``easyread_style``): symbols like '&' or '/', acronyms in brackets.

    An acronym in brackets is fine when the text uses it again ("Talk to human resources
    (HR) first. HR can help.") or everyone knows it ("your doctor (GP)"), and one the
    acronym rule already flags is not flagged twice.
    """
    acronyms = [(p.start, p.end) for p in found if p.rule == "acronym"]
    out = []
    for rule, message, start, end, hint in style.style_rules(text[s:e], s):
        if rule == "acronym-brackets":
            letters = text[start:end].strip("()")
            used_again = re.search(rf"\b{re.escape(letters)}\b", text[:start] + text[end:])
            known = letters.rstrip("s") in words.KNOWN_ACRONYMS  # "your doctor (GP)"
            if used_again or known or any(start <= a and b <= end for a, b in acronyms):
                continue
        out.append(_problem(text, rule, message, start, end, hint))
    return out


def check(text: str) -> Report:
    """Check text against the easy-read rules. Never raises on a str."""
    if not isinstance(text, str) or not text.strip():
        return Report(text if isinstance(text, str) else "", ())
    foreign = _not_english(text)
    if foreign:
        return Report(text, (foreign,))
    explained = _explained_acronyms(text)
    problems: list[Problem] = []
    spans = sentences(text)
    defined = _defined_in(text, spans)
    for s, e in spans:
        toks = _tokens(text, s, e)
        found = _check_length(text, s, e, toks)
        found += _check_one_idea(text, s, e, toks)
        found += _check_ing_start(text, toks)
        found += _check_verb_chains(text, toks)
        found += _check_words(text, toks, explained, defined)
        found += _check_phrases(text, s, e)
        found += _check_percent(text, s, e)
        found += _question_problems(text, s, e, found)
        found += _style_problems(text, s, e, found)
        asking = bool(found) or questions.is_asking(text[s:e])
        problems += found + _passives_to_flag(text, e, toks, asking)
    problems.sort(key=lambda p: (p.start, p.end, p.rule))
    return Report(text, tuple(problems))


def evaluate(easy: list[str], standard: list[str]) -> dict[str, float]:
    """Pass rate on easy-read sentences and flag rate on standard ones, plus a baseline."""

    def too_long(s: str) -> bool:
        return len(_WORD_RE.findall(s)) > TARGET_WORDS

    return {
        "easy_pass": sum(check(s).ok for s in easy) / len(easy),
        "standard_flag": sum(not check(s).ok for s in standard) / len(standard),
        "baseline_easy_pass": sum(not too_long(s) for s in easy) / len(easy),
        "baseline_standard_flag": sum(too_long(s) for s in standard) / len(standard),
    }


def public_figures(data: dict[str, Any]) -> dict[str, dict[str, float]]:
    """Figures on the public evaluation set (tests/data/easyread_public.yaml), split into
    the documents the rules were tuned on and those held out: easy-read sentences
    passing, standard sentences flagged, interview questions flagged."""
    tuning = set(data["tuning"])
    out: dict[str, dict[str, float]] = {}
    for part in ("held_out", "tuning"):
        figures: dict[str, float] = {}
        for section, wants_ok in (("easy_read", True), ("standard", False), ("interview", False)):
            texts = [
                item["text"]
                for item in data[section]
                if (item["source"] in tuning) == (part == "tuning")
            ]
            right = sum(check(text).ok == wants_ok for text in texts)
            figures[section] = right / len(texts) if texts else 0.0
            figures[f"{section}_count"] = len(texts)
        out[part] = figures
    return out


PLAIN_FORM_WORDS = 12  # at most this many words ...
PLAIN_FORM_ZIPF = 4.0  # ... each at least this common: a sentence in plain form


def plain_form(text: str) -> bool:
    """A short sentence of everyday words only: its form alone cannot say whether it came
    from an easy-read document or a standard one (what makes a document easy read there is
    its layout and pictures, which a sentence does not carry)."""
    words = _WORD_RE.findall(text)
    return 0 < len(words) <= PLAIN_FORM_WORDS and all(
        _word_zipf(w.lower()) >= PLAIN_FORM_ZIPF for w in words
    )


def plain_form_figures(data: dict[str, Any]) -> dict[str, dict[str, tuple[int, int, int]]]:
    """For each part (held out, tuning) and section of the public set: how many sentences,
    how many of them are in plain form, and how many of those the checker passes."""
    tuning = set(data["tuning"])
    out: dict[str, dict[str, tuple[int, int, int]]] = {}
    for part in ("held_out", "tuning"):
        out[part] = {}
        for section in ("easy_read", "standard", "interview"):
            texts = [
                item["text"]
                for item in data[section]
                if (item["source"] in tuning) == (part == "tuning")
            ]
            plain = [text for text in texts if plain_form(text)]
            out[part][section] = (len(texts), len(plain), sum(check(t).ok for t in plain))
    return out


def main(argv: list[str]) -> int:
    """`python -m panels.lib.easyread --eval FILE` prints the figures; else checks stdin."""
    if len(argv) >= 2 and argv[0] == "--eval":
        import yaml

        with open(argv[1], encoding="utf-8") as fh:
            data = yaml.safe_load(fh)
        for key, value in evaluate(data["easy_read"], data["standard"]).items():
            print(f"{key}: {value:.1%}")
        if "-v" in argv:
            for s in data["easy_read"]:
                for p in check(s).problems:
                    print("EASY FLAGGED:", p.rule, repr(p.excerpt), "|", s)
            for s in data["standard"]:
                if check(s).ok:
                    print("STANDARD PASSED:", s)
        return 0
    for p in check(sys.stdin.read()).problems:
        print(f"{p.start}-{p.end} {p.rule}: {p.message} {p.suggestion or ''}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
