"""What a shopper is shopping for ("lunch bag", "cups and saucers"), read from a message on
the gift shop: kept as a filter on product names until another is named (HardFilters.subject).
"""

from __future__ import annotations

import re

import numpy as np

from assistant.words import CHAT_WORDS, FOND_STOP, SET_ASIDE_STOP
from core.catalog import RETAIL_CATEGORIES, Catalog

# Words a shopper uses that product names carry but that say who a gift is for, its style or
# colour, or nothing at all: never what is being shopped for
NOT_A_SUBJECT = frozenset("""
gift gifts present presents thing things item items product products idea ideas stuff lots
size sizes bigger smaller larger material materials dimensions measurements
mum mom mother dad father boy boys girl girls son daughter kids kid child children baby's wife
husband friend friends colleague teacher gran nan grandma grandad granny sister brother
vintage retro retrospot polkadot spotty design designs style set sets pack assorted small
large mini medium big cute pretty lovely nice first second third last one ones love loves
lover lovers like likes new please cheap cheaper expensive price year years old birthday
perfect great awesome good beautiful happy sweet fun funny amazing fab fabulous wonderful
brilliant excellent fine okay cool gorgeous two three four five six seven eight nine ten
fourth fifth time next shopping shop looking look need want buy get find show give
colour color colours colors day days else entirely anymore instead theme themed start again
scratch drop scrap something anything can back spend boss nephew niece uncle aunt cousin
partner boyfriend girlfriend neighbour neighbor mate mates office work leaving team staff
red pink blue green white black ivory gold silver purple yellow orange cream grey turquoise
only just also goes go going top long short chic shabby add put delivery deliver deliveries
stock left take compare sort cheapest best sellers seller teenagers teenager teens adults
little bit out mums moms dads nans grans sisters brothers wifes husbands friends
""".split())
# "add the third one to my basket": where it goes, never what is shopped for ("back to the
# mugs", "switch to the candles" go back to shopping for them)
SUBJECT_PLACE = re.compile(r"(?<!\bback )(?<!\bswitch )(?<!\breturn )\b(?:to|in|into)\s+"
                           r"(?:my|the|your)\s+$", re.I)
SUBJECT_JOIN = re.compile(r"\s*(?:,|and|or|&|/)\s*(?:(?:some|a|an)\s+)?", re.I)
# "for school", "for a new baby": who or what it is for; "with dinosaurs": what it shows
SUBJECT_FOR = re.compile(r"\b(?:for|with)\s+(?:(?:a|an|my|the|her|his|our|their|your)\s+)?"
                         r"(?:[a-z]+\s+)?$", re.I)
# "I don't need a lunch bag anymore", "no more mugs": what is no longer shopped for
SUBJECT_UNWANTED = re.compile(r"\b(?:(?:do|does)\s*n[o']?t|no longer|not)\s+(?:need|want)\s+"
                              r"(?:(?:a|an|any|the|some|more)\s+)?$|\bno (?:more )?$", re.I)
MAKE_VERB = re.compile(r"\bmak(?:e|ing)\s+(?:it|that|them|this|those|these|one|me|mine|sure)\b")
MAX_SUBJECT_WORDS = 3
MIN_SUBJECT_ITEMS = 3


def known_word(catalog: Catalog, word: str) -> bool:
    """`Catalog.knows_word` in the singular or the plural ("saucers" for "saucer")."""
    return any(catalog.knows_word(w) for w in (word, word.removesuffix("s"),
                                               word.removesuffix("es"), word + "s"))


SPLIT_MIN = 6  # letters of a word tried as two joined ("lunchbox", "doorstop")


def split_spelling(word: str, catalog: Catalog) -> str | None:
    """A word the product names write as two ("lunchbox" -> "lunch box", "cakestand" ->
    "cake stand"): both halves words of the names, and at least two names holding them
    together; None otherwise, and for a word the names hold as it is."""
    if len(word) < SPLIT_MIN or known_word(catalog, word):
        return None
    for cut in range(3, len(word) - 2):
        phrase = f"{word[:cut]} {word[cut:]}"
        if catalog.knows_word(word[:cut]) and known_word(catalog, word[cut:]) and \
                int(catalog.phrase_mask(phrase).sum()) >= 2:
            return phrase
    return None


def _kind_of(words: list[str], catalog: Catalog) -> bool:
    """The last of `words` is a kind of product ("mugs" of "enamel mugs") that the products
    named with all of `words` are of: "tea lights" are candles (t-lights), no lighting."""
    kind = RETAIL_CATEGORIES.get(words[-1].removesuffix("s"))
    if kind is None:
        return False
    named = np.ones(len(catalog), dtype=bool)
    for word in words:
        named &= catalog.topic_mask((word,)) | catalog.topic_mask((word.removesuffix("s"),))
    return bool(named.any()) and all(kind in catalog.genres[i] for i in np.flatnonzero(named))


TEA_LIGHT = re.compile(r"\btea[\s-]+light(s?)\b", re.I)


def joined_spellings(text: str, catalog: Catalog) -> str:
    """`text` with two words the product names write as one joined as they do ("polka dot"
    -> "polkadot ", "retro spot" -> "retrospot "), padded so every position holds."""
    # "tea lights" are the names' "t-lights" (candles), not lighting
    text = TEA_LIGHT.sub(lambda m: f"t light{m.group(1)}".ljust(len(m.group(0))), text)
    chars = list(text)
    words = list(re.finditer(r"[a-z]+", text.lower()))
    k = 0
    while k + 1 < len(words):
        a, b = words[k], words[k + 1]
        joined = a.group(0) + b.group(0)
        # only where the names mostly write it joined ("polkadot" in 60 names, "polka" and
        # "dot" together in 2; "cake stand" stays: more names write it apart)
        if text[a.end():b.start()] == " " and len(joined) >= 6 and \
                (named := catalog.titles_with(joined)) and named > int(
                    (catalog.topic_mask((a.group(0),)) & catalog.topic_mask((b.group(0),))).sum()):
            chars[a.start():b.end()] = list(joined + " ")
            k += 2
            continue
        k += 1
    return "".join(chars)


def shopping_subject(text: str, catalog: Catalog, vocabulary: dict[str, tuple[str, ...]],
             set_aside: list[str], refused: tuple[str, ...] = ()) -> tuple[list[str], list[str]]:
    """What a shopper is shopping for, as written: the first run of words product names carry
    ("lunch bag for school" -> "lunch bag"; "cups and saucers" -> both), leaving out
    categories, colours, styles, people, what follows "for" / "with", and words set aside.
    Second: the phrases no longer wanted ("I don't need a lunch bag anymore"). `refused`: the
    words set aside, whose next word goes with them ("not wrapping paper")."""
    phrases: list[list[tuple[int, int, str]]] = []
    text = joined_spellings(text, catalog)  # "polka dot lunch bag": "polkadot lunch bag"
    lowered = text.lower()
    # a word of a category's name of several words ("home" of "home decor") is that category
    inside = [(m.start(), m.end()) for key in vocabulary if " " in key
              for m in re.finditer(rf"\b{re.escape(key)}\b", lowered)]
    # "actually make that under £5", "can you make it cheaper": the verb, not a kit to make
    inside += [m.span() for m in MAKE_VERB.finditer(lowered)]
    # a phrase set aside is no subject either, any word of it ("no more cake stands")
    inside += [(m.start(), m.end()) for phrase in set_aside if " " in phrase
               for m in re.finditer(rf"\b{re.escape(phrase.lower())}\b", lowered)]
    for word in re.finditer(r"[a-z]+", lowered):
        w = word.group(0)
        w = split_spelling(w, catalog) or w  # "lunchbox": "lunch box", as the names write it
        if any(a <= word.start() < b for a, b in inside) or \
                SUBJECT_PLACE.search(lowered[: word.start()]):
            continue
        # knows_word first: a set lookup, where topic_mask scans (and caches) per word
        if (len(w) < 3 or w in NOT_A_SUBJECT or w in CHAT_WORDS or w in SET_ASIDE_STOP
                or w in FOND_STOP or w in vocabulary or w in set_aside
                or " " not in w and (not known_word(catalog, w) or
                                     int(catalog.topic_mask((w,)).sum()) < 2)):
            continue
        before = re.search(r"([a-z]+)\s+$", lowered[: word.start()])
        if before is not None and before.group(1) in refused:
            continue  # "not wrapping paper": the rest of what is set aside, no subject
        last = phrases[-1][-1] if phrases else None
        if last and text[last[1]:word.start()].strip() in ("", "-"):
            phrases[-1].append((word.start(), word.end(), w))  # "lunch bag"
        elif not SUBJECT_FOR.search(text[: word.start()]):  # "for school" is no subject
            phrases.append([(word.start(), word.end(), w)])
    unwanted = [p for p in phrases if SUBJECT_UNWANTED.search(text[: p[0][0]])]
    phrases = [p for p in phrases if p not in unwanted]
    chain = phrases[:1]
    for phrase in phrases[1:]:  # "cups and saucers": joined to the first
        if not SUBJECT_JOIN.fullmatch(text[chain[-1][-1][1] : phrase[0][0]]):
            break
        chain.append(phrase)

    def said(chosen: list[list[tuple[int, int, str]]]) -> list[str]:
        return [" ".join(w for _, _, w in p[-MAX_SUBJECT_WORDS:]) for p in chosen]

    # a phrase few products carry whole is an occasion or a description ("Secret Santa"),
    # unless it ends in a product's kind many names carry: "spaceboy lunch bag" (one product
    # so named) shops for lunch bags
    subjects = []
    for phrase in said(chain):
        words = phrase.split()
        tails = [phrase] + [" ".join(words[k:]) for k in range(1, len(words) - 1)]
        if len(words) > 1 and _kind_of(words, catalog):
            tails.append(words[-1])  # "enamel mugs": mugs, a kind of product, at least
        held = [t for t in tails if int(catalog.phrase_mask(t).sum()) >= MIN_SUBJECT_ITEMS]
        if held and (held[0] == phrase or catalog.phrase_mask(phrase).any()):
            subjects.append(held[0])
    return subjects, said(unwanted)
