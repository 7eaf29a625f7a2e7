"""Years said as a time of the person's own life: "from before I was born", "the year I was
born", "from when I was a kid", "movies older than me".

A message may say when the person was born ("I was born in 1990", "1990, the year I was born")
or how old they are ("I'm 25"); the years follow from that, an age counted back from today's
date, which the caller passes in. Without either, the phrase is said back unread.
"""

from __future__ import annotations

import re

# a request's lead before the phrase: "movies from ...", "something made ...", "anything ..."
# ("I loved The Goonies when I was a kid" is a memory, not a request for years)
_ASKED_BEFORE = re.compile(r"\b(?:from|of|during|made|released|came out|out|movies?|films?|"
                           r"flicks?|something|anything|ones?|stuff|classics?|popular|good|big|"
                           r"hot|famous|around|playing|"
                           r"(?:watch|watched|saw|see) (?:back )?)\s+(?:\w+\s+){0,2}$", re.I)
_KID = r"(?:a\s+|little\s+|young\s+|small\s+)*(?:kid|child|boy|girl|little|young|small)\b"
# each phrase by what it means; the group's name is the span's kind (`life_years`)
LIFE_TIME = re.compile(
    r"\b(?:(?P<before>before i was born|older than (?:me|i am|i'?m)|before my time)|"
    r"(?P<since>since i was born|after i was born)|"
    r"(?P<year>(?:the\s+)?year i was born|when i was born|my birth ?year)|"
    rf"(?P<kid>when i was {_KID}|my childhood|as a (?:kid|child)|when i was in (?:primary|"
    r"elementary|grade|middle) school)|"
    r"(?P<teen>when i was (?:a )?teen(?:ager)?|(?:in )?my teens|as a teen(?:ager)?|"
    r"when i was in high school|my high school (?:days|years))|"
    r"(?P<grew>(?:when )?i was growing up|i grew up (?:with|on|watching)|growing up)|"
    r"(?P<college>when i was (?:in|at) (?:college|uni(?:versity)?)|my (?:college|uni(?:versity)?) "
    r"(?:days|years)))\b", re.I)
# the years of each kind, from the birth year: (first, last), None where open
SPANS = {"before": (None, -1), "since": (0, None), "year": (0, 0), "kid": (5, 12),
         "teen": (13, 19), "grew": (5, 17), "college": (18, 22)}
BORN_YEAR = re.compile(
    r"\b(?:i was born|i'?m born|born)\s+in\s+((?:19|20)\d\d)\b|\bborn\s+((?:19|20)\d\d)\b|"
    r"\b(?:the\s+year\s+i\s+was\s+born|when\s+i\s+was\s+born|my\s+birth ?year)\s*(?:[,:(–—-]|"
    r"was|is|in|=)?\s*((?:19|20)\d\d)\b|"
    r"\b((?:19|20)\d\d)\s*[,(–—-]?\s*(?:the\s+year|when)\s+i\s+was\s+born\b", re.I)
AGE = re.compile(r"\b(?:i'?m|i\s+am|im)\s+(?:an?\s+)?(\d{1,2})(?:\s*(?:years?|yrs?)[\s-]*old|"
                 r"\s*yo|\s*y/o|[\s-]*year[\s-]*old)?\b(?!\s*(?:%|percent|minutes?|mins?|hours?|"
                 r"feet|foot|ft|inch|inches|cm|kg|pounds?|lbs?|quid|dollars?|episodes?|pages?|"
                 r"movies?|films?|times?|[£$€]|x\b|in\b|of\b|out\b|and\b|or\b|/))|"
                 r"\bi\s+(?:just\s+)?turned\s+(\d{1,2})\b", re.I)
MIN_AGE, MAX_AGE = 4, 99  # "I'm 2" is no age a person types


def life_said(text: str) -> str | None:
    """The kind of life-time span `text` asks films from (a key of SPANS), else None."""
    for match in LIFE_TIME.finditer(text):
        lead = text[: match.start()]
        if match.group("before") or match.group("since") or _ASKED_BEFORE.search(lead):
            return next(kind for kind, value in match.groupdict().items() if value)
    return None


def birth_stated(text: str) -> bool:
    """`text` says when the person was born or how old they are."""
    return bool(BORN_YEAR.search(text)) or any(
        MIN_AGE <= int(m.group(1) or m.group(2)) <= MAX_AGE for m in AGE.finditer(text))


def birth_said(text: str, year: int) -> int | None:
    """The birth year `text` gives ("born in 1990"), or counts back from an age ("I'm 25",
    `year` being today's), else None."""
    if m := BORN_YEAR.search(text):
        return int(next(g for g in m.groups() if g))
    for m in AGE.finditer(text):
        age = int(m.group(1) or m.group(2))
        if MIN_AGE <= age <= MAX_AGE:
            return year - age
    return None


def life_years(kind: str, born: int) -> tuple[int | None, int | None]:
    """(first year, last year) of a span of the person's life, None where it is open:
    "before" a birth in 2001 is (None, 2000)."""
    first, last = SPANS[kind]
    return (None if first is None else born + first, None if last is None else born + last)
