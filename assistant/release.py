"""Constraints taken back in plain words: "forget Tom Hanks", "any year is fine", "horror is
ok now", "drop the price limit".

Constraints stay over later turns until changed, and the UI's panel (or the API's DELETE
route) could remove one; a person in a chat writes it instead. `release_spans` finds the words
that take something back; the rules read which genres, people and topics those words name
(`Release.values`, `Release.allowed`) and which whole constraints (`Release.fields`), and
`apply_release` removes them from what the session holds.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import NamedTuple

from core.catalog import SERIES_TOPIC
from core.types import HardFilters

SERIES_NAME_STOP = frozenset({"the", "and", "of"})  # "forget the": no series of that word

# "forget Tom Hanks", "never mind the horror", "drop the year", "no need for Tom Hanks"
DROP_LEAD = re.compile(
    r"\b(?:forget(?:\s+about)?|never\s*mind(?:\s+about)?|scratch|disregard|ignore|drop|remove|"
    r"ditch|scrap|get rid of|no need for|no longer (?:need|want)|stop (?:asking for|using)|"
    r"(?:do|does)\s*n[o']?t (?:have|need) to be|need\s*n[o']?t be)\s+(?:the\s+|that\s+|my\s+|"
    r"your\s+|all\s+|those\s+|an?\s+|some\s+)?", re.I)
# where what a lead takes back ends: "forget Tom Hanks, something with Jim Carrey", "drop the
# horror and show comedies from the 90s"
DROP_END = re.compile(r"[.,!?;:\n]|\b(?:but|instead|i want|i'?d like|give me|show me|how about|"
                      r"what about|just|only|let'?s|then|as long as|unless|except|besides|"
                      r"other than|apart from|not|no|nothing|also|too|as well|anymore|"
                      r"in (?:my|the|a)|and (?=(?:show|give|find|get|recommend|suggest|"
                      r"something|some|any|i|let)\b))\b", re.I)
# "horror is ok now", "Tom Hanks is fine after all", "actually romance is fine": a set-aside
# allowed again ("horror is good too" asks for it, and a new ask replaces an old set-aside)
ALLOW_AFTER = re.compile(
    r"\s+(?:is|are|'s|'re|would be|will be|will do|works?)\s+(?:(?:totally|also|actually|"
    r"perfectly|absolutely|quite|all)\s+)?(?:fine|ok|okay|alright|all right|good|allowed)\b", re.I)
CHANGE_AFTER = re.compile(r"\s*(?:now|after all|again|actually|then|with me|by me|for me)\b",
                          re.I)
CHANGE_BEFORE = re.compile(r"^\W*(?:actually|on second thought|hmm+|ok(?:ay)?|well|fine)\b", re.I)
# "I don't mind horror", "I'm open to westerns": lifts a set-aside and still reads as asked
ALLOW_BEFORE = re.compile(r"\b(?:i\s*(?:do|would)\s*n[o']?t mind|i'?m (?:ok|okay|fine|good) with|"
                          r"i am (?:ok|okay|fine|good) with|open to)\s+(?:the\s+|some\s+)?", re.I)
# whole constraints: "any year is fine", "the price doesn't matter", "money is no object"
_FIELD = (r"(years?|dates?|decades?|eras?|prices?|budgets?|genres?|categor(?:y|ies)|actors?|"
          r"actresses|directors?|colou?rs?)")
ANY_FIELD = re.compile(
    rf"\b(?:any|whatever|whichever)\s+{_FIELD}\b(?!\s+(?:of|with|by|from|starring))|"
    r"\b(?:all|every)\s+(?:kinds? of\s+|types? of\s+)?genres?\b|"
    rf"\b(?:the\s+)?{_FIELD}\s+(?:does|do|is)\s*(?:n[o']?t|not)\s+(?:really\s+)?"
    r"(?:matter|important)|"
    rf"\b(?:does|do)\s*n[o']?t\s+matter\s+(?:what|which|how old)\s+(?:the\s+)?{_FIELD}?|"
    rf"\bdon'?t (?:really\s+)?care (?:about|what|which|how old|when)\s+(?:the\s+)?{_FIELD}|"
    rf"\bno\s+{_FIELD}\s+(?:limits?|caps?|restrictions?|filters?|preferences?)\b|"
    r"\bno\s+budget\b|\bno (?:upper |price )?limit\b(?!\s+(?:on|for)\b)|"
    # "no limit on price", "no cap on the budget"
    rf"\bno\s+(?:limits?|caps?|restrictions?)\s+(?:on|for)\s+(?:the\s+)?{_FIELD}\b|"
    r"\b(?:any|whatever)\s+colou?rs?\b(?!\s+(?:of|with))|"
    r"\b(?:money|price|cost)(?:'s|\s+is)?\s+no\s+(?:object|issue)\b|"
    # retail: what is shopped for ("show me something else entirely")
    r"\bsomething (?:else|different) (?:entirely|altogether)\b|"
    r"\bsomething completely different\b", re.I)
FIELD_WORD = re.compile(
    r"\b(?:(year|date|decade|era|release|(?:19|20)\d\d|(?:19|20)?\d0'?s)|"
    r"(price|budget|cost|money|limit|cap|£\s*\d|\d+\s*(?:pounds|quid)|how much)|"
    r"(genre|categor(?:y|ie))|(actor|actress|director|star|cast|people|person)|"
    r"(else|different)|(colou?r|pattern|theme))s?\b", re.I)
FIELDS = ("year", "price", "genres", "people", "subject", "topics")
YEARS_SET_ASIDE = re.compile(r"(?:19|20)\d\d|(?:1[5-9]|20)\d0s")  # "2017", "1980s" (topics)
# everything said before: "start over", "let's start again", "forget what I said"; not "don't
# reset my likes", "forget everything I said about horror", "I want to start over my life"
START_OVER = re.compile(
    r"(?<!n't )(?<!not )(?<!don't )\b(?:start(?:ing)? (?:over|again|afresh|fresh|anew)"
    r"(?: from scratch)?|fresh start|begin again|"
    r"start from scratch|reset|new search|clean slate|clear (?:everything|it all)|"
    r"forget (?:everything|all (?:of )?that|all|what)(?: (?:that )?i (?:just )?(?:said|told you))?)"
    r"(?=\s*(?:[.,!?;:]|$|please\b|and\b|i\b(?!\s+(?:just\s+)?(?:said|told))|let'?s\b|now\b|"
    r"so\b|then\b))", re.I)


# a gift for someone else now: "now something for my brother", "next, a present for my boss"
_WHO = (r"(?:my|a|an|the|our|his|her)\s+(?:\w+\s+)?"
        r"(?:mum|mom|mother|dad|father|brother|sister|son|daughter|wife|husband|boss|colleague|"
        r"friend|nephew|niece|aunt|uncle|cousin|gran|nan|grandma|grandad|grandpa|teacher|partner|"
        r"boyfriend|girlfriend|neighbou?r|kids?|child|baby|boy|girl)\b")
NEW_RECIPIENT = re.compile(
    r"^\W*(?:(?:ok(?:ay)?|right|and|also|next|then|great|thanks)\W+)*(?:now|next|also|and now)\b"
    rf"[^.!?]{{0,40}}?\bfor\s+{_WHO}|"
    # "no, for my dad instead", "actually it's for my dad, not my mum"
    rf"^\W*(?:(?:no|nope|actually|sorry|wait|oh)\W+)+(?:it'?s\s+|its\s+)?for\s+{_WHO}"
    r"(?=\s*(?:instead|,?\s*not\b|[.!]|$))|"
    # "what about my brother?", "I also need something for my nephew", "... for my dad too"
    rf"^\W*(?:(?:ok(?:ay)?|great|thanks|and)\W+)*(?:what|how) about (?:for\s+)?{_WHO}|"
    rf"\b(?:i|we) (?:also|still) need\b[^.!?]{{0,30}}?\bfor\s+{_WHO}|"
    rf"\bfor\s+{_WHO}\s+too\b", re.I)


def new_recipient(text: str) -> Release:
    """"now something for my brother": every constraint of the last gift goes (a release of
    every whole constraint), else nothing."""
    return Release(fields=tuple(CLEARED)) if NEW_RECIPIENT.search(text) else Release()


class Span(NamedTuple):
    """Words that take something back: `allow` lifts set-asides only; `blank`: the words ask
    for nothing else ("forget Tom Hanks"), where "I don't mind horror" still asks."""

    start: int
    end: int
    allow: bool
    blank: bool


@dataclass(frozen=True)
class Release:
    """What one message takes back. `fields`: whole constraints ("year", "price", "genres",
    "people"); `values`: genres, people and topics no longer asked for nor set aside;
    `allowed`: those no longer set aside (asked for or not)."""

    fields: tuple[str, ...] = ()
    values: tuple[str, ...] = ()
    allowed: tuple[str, ...] = ()
    # single words of a person's name ("forget denzel", "jack is fine"), dropped or allowed:
    # a person held whose name has the word goes
    name_words: tuple[str, ...] = ()
    allowed_words: tuple[str, ...] = ()

    def __bool__(self) -> bool:
        return bool(self.fields or self.values or self.allowed or self.name_words
                    or self.allowed_words)


def release_spans(text: str) -> list[Span]:
    """The words a message takes back, in text order; each ends where the next begins."""
    spans = []
    for lead in DROP_LEAD.finditer(text):
        end = DROP_END.search(text, lead.end())
        spans.append(Span(lead.end(), end.start() if end else len(text), False, True))
    for lead in ALLOW_BEFORE.finditer(text):
        end = DROP_END.search(text, lead.end())
        spans.append(Span(lead.end(), end.start() if end else len(text), True, False))
    changed = CHANGE_BEFORE.match(text) is not None
    for after in ALLOW_AFTER.finditer(text):
        if changed or CHANGE_AFTER.match(text, after.end()):
            starts = [m.end() for m in DROP_END.finditer(text[: after.start()])]
            spans.append(Span(starts[-1] if starts else 0, after.start(), True, True))
    for match in ANY_FIELD.finditer(text):
        spans.append(Span(match.start(), match.end(), False, True))
    spans.sort()
    # a span ends where the next one starts: overlapping spans read a long message quadratically
    starts = [span.start for span in spans[1:]] + [len(text)] if spans else []
    return [span._replace(end=min(span.end, nxt) if nxt > span.start else span.end)
            for span, nxt in zip(spans, starts, strict=True)]


def field_words(text: str) -> tuple[str, ...]:
    """The whole constraints a taken-back phrase names: "the year" -> year, "the price
    limit" -> price."""
    found = [FIELDS[i] for m in FIELD_WORD.finditer(text) for i, g in enumerate(m.groups()) if g]
    if len(set(found)) > 1 and not PRICE_NAMED.search(text):
        found = [f for f in found if f != "price"]  # "no limit on colour": the limit is colour's
    return tuple(dict.fromkeys(found))


PRICE_NAMED = re.compile(r"\b(?:price|budget|cost|money|how much)|£\s*\d|\d+\s*(?:pounds|quid)",
                         re.I)


# the constraints that hold names (genres, people, topics, subjects), as opposed to bounds
NAMED = ("genres", "exclude_genres", "audience", "cast", "exclude_cast", "directors",
         "exclude_directors", "topics", "exclude_topics", "subject")
_SET_ASIDE = ("exclude_genres", "exclude_cast", "exclude_directors", "exclude_topics")
_PEOPLE = ("cast", "exclude_cast", "directors", "exclude_directors")
CLEARED = {"year": ("year_min", "year_max"), "price": ("price_min", "price_max"),
           "genres": ("genres", "exclude_genres"),
           "people": ("cast", "exclude_cast", "directors", "exclude_directors"),
           "subject": ("subject",), "topics": ("topics", "exclude_topics"),
           "audience": ("audience",)}


def apply_release(filters: HardFilters, release: Release) -> HardFilters:
    """`filters` without what `release` takes back."""
    update: dict = {}
    for name in NAMED:
        words = set(release.name_words) | (set(release.allowed_words) if name in _SET_ASIDE
                                           else set())
        kept = tuple(v for v in getattr(filters, name) if v not in release.values and not (
            name in _SET_ASIDE and v in release.allowed) and not (
            name == "subject" and set(v.split()) & set(release.values)) and not (
            name in _PEOPLE and set(v.lower().split()) & words) and not (
            # "no aliens", then "fine, aliens are ok": a word set aside, allowed again
            name == "exclude_topics" and v.lower() in release.allowed_words) and not (
            # "forget james bond": the series asked for or set aside by that name
            name in ("topics", "exclude_topics") and (series := SERIES_TOPIC.fullmatch(v)) and
            set(series.group("name").lower().split()) & words - SERIES_NAME_STOP))
        if kept != getattr(filters, name):
            update[name] = kept
    for field in release.fields:
        for name in CLEARED[field]:
            update[name] = HardFilters.model_fields[name].default
    if "year" in release.fields:  # "any year is fine": years and decades set aside go too
        update["exclude_topics"] = tuple(t for t in update.get("exclude_topics",
                                                               filters.exclude_topics)
                                         if not YEARS_SET_ASIDE.fullmatch(t))
    if "audience" in release.fields and filters.genres and set(filters.genres) <= set(
            filters.audience):  # "kids" asked these genres as well: they go with it
        update["genres"] = ()
    return filters.model_copy(update=update) if update else filters


def taken_back(before: HardFilters, after: HardFilters) -> HardFilters:
    """The constraints of `before` that `after` no longer holds (to be said back)."""
    kept: dict = {}
    for name in HardFilters.model_fields:
        old, new = getattr(before, name), getattr(after, name)
        if isinstance(old, tuple):
            gone = tuple(v for v in old if v not in new)
            if gone:
                kept[name] = gone
        elif old not in (None, False) and new != old:
            kept[name] = old
    if "genres" in kept and before.genres_all:  # said back as asked: "in Comedy and Horror"
        kept["genres_all"] = True
    return HardFilters(**kept)

