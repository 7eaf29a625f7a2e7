"""Prices and years as people write them ("under a fiver", "£2-£4", "10 to 15 pounds", "the
late 90s", "after 2010", "nothing before 2000"), read into a RuleReading's bounds
(`read_numbers`)."""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Protocol

from assistant.words import FILM_NOUNS
from core.catalog import Catalog


class Bounds(Protocol):
    """What `read_numbers` fills in (a RuleReading)."""

    price_min: float | None
    price_max: float | None
    year_min: int | None
    year_max: int | None
    relative: list[str]  # "widen:2000" where a message widens a range the session knows

# a number of minutes, hours or years is no sum: "under 90 minutes" is a running time
MONEY = (r"[$£€]?\s*(\d+(?:\.\d+)?)(?!\d|\.\d|\s*(?:minutes?|mins?|hours?|hrs?|years?|yrs?|"
         r"items?|things?|products?|pieces?|people|gifts?|of them)\b)"
         r"\s*(?:dollars|pounds|euros|quid|gbp|usd)?")

PRICE_MAX = re.compile(r"\b(?:under|below|less than|cheaper than|max(?:imum)?|up to|at most|"
                       r"within|(?:price |spending |spend )?limit(?: is| of)?|"
                       # "budget of £8", "raise the budget to £8", "budget is now £8"
                       r"budget(?:\s+(?:is|of|to|now|raised to|increased to|up to|goes up to))"
                       r"{0,2}|"
                       r"spend(?:ing)?(?: is)?(?: up to| about| around|"
                       r" more like)?|"
                       r"less then|undr|"  # as typed
                       # "i dont want to spend more than about 15 pounds"
                       r"(?:do\s*n[o']?t|don'?t|not|never|won'?t)\s+(?:want\s+to\s+|wanna\s+|like\s+to\s+|going\s+to\s+)?"
                       r"spend(?:ing)?\s+(?:any\s+)?(?:more\s+than|over|above)|"
                       r"(?:not|no|nothing|nowt|none) (?:over|above|more than|dearer than))\s*:?\s*"
                       # "up to about £20", "not more than about £25": a ceiling, not a band
                       r"(?:(?:about|around|roughly|approximately|approx\.?)\s*)?" + MONEY, re.I)

PRICE_MAX_AFTER = re.compile(r"[$£€]\s*(\d+(?:\.\d+)?)\s*(?:or (?:less|under|below|cheaper)|"
                             r"max(?:imum)?|tops|at most|limit|budget|and under|each|a piece|"
                             r"(?:in )?total|altogether|all together|overall|to spend|"
                             r"for (?:everything|the lot|it all|all of (?:it|them))|"
                             # "£10 between them", "£25 from everyone": a group's sum
                             r"between (?:them|us|all|the \w+)|from (?:everyone|everybody|"
                             r"all of us|us all|the (?:team|office|family|class|whole \w+)))\b|"
                             # "we all chipped in £25", "we have £25", "i can stretch to £8"
                             r"\b(?:chipped in|chip in|put in|(?:we|i)(?:'ve| have| got|'ve got))"
                             r"\s+(?:about\s+|around\s+)?[$£€]\s*(\d+(?:\.\d+)?)\b|"
                             r"\bstretch(?: it)? to\s+(?:about\s+|around\s+)?[$£€]?\s*"
                             r"(\d+(?:\.\d+)?)(?!\s*(?:%|kids|children|people|of\b|years?\b))\b|"
                             # a sum that ends a short message: "£5", "a fiver?", "candles
                             # £2", "candles three pounds" (never "I paid £5")
                             r"^\W*(?:(?!(?:spent|paid|cost|costs|was|is|were|are|it's|over|"
                             r"above|under|below|from|at|least|than|about|around|between|to|"
                             r"and|for|min|minimum)\b)"
                             r"[a-z']+\s+){0,3}[$£€]\s*"
                             r"(\d+(?:\.\d+)?)\s*(?:please|pls|each|tops|is fine|is ok(?:ay)?|"
                             r"will do|works|max)?(?:\s+then)?[\s.!]*$|"
                             # a sum after a comma ends the message: "a man who has everything,
                             # 30 quid"
                             r",\s*[$£€]\s*(\d+(?:\.\d+)?)\s*(?:max|tops|please|pls)?[\s.!]*$",
                             re.I)
# "candles for £3.50", "something at £5": what it may cost (the currency sign is needed:
# "for 12 people" is no sum)
PRICE_FOR = re.compile(r"\b(?:for|at|back to)\s*[$£€]\s*(\d+(?:\.\d+)?)", re.I)
# a sum for several things: "£40 altogether for 6 bridesmaids", "12 people, £30 total"
PRICE_TOTAL = re.compile(r"\b(?:in )?total\b|\baltogether\b|\ball together\b|\boverall\b|"
                         r"\bfor (?:everything|the lot|it all|all of (?:it|them))\b|"
                         r"\bbetween (?:them|us|all)\b|\bto spend on\b", re.I)
HOW_MANY = re.compile(r"\b(\d{1,3}|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|"
                      r"fifteen|twenty|thirty|forty|fifty)\s+(?:of (?:something|them|these|those)|"
                      # "12 candles", "4 teaching assistants", "4 grandkids": a plural, never
                      # a unit ("30 years", "10 pounds")
                      r"(?:[a-z]+\s+)?(?!(?:pounds|quid|years|yrs|minutes|mins|hours|days|weeks|"
                      r"months|pence|times|dollars|euros|bucks)\b)[a-z]{2,}s\b|people|children|"
                      r"folks?|staff)|"
                      r"\bneed (\d{1,3})\b(?!\s*(?:[$£€.]|quid|pounds?|bucks|dollars|euros|p\b|"
                      r"pence))", re.I)
# who a sum is shared between, when no count of things bought is said ("2 teachers and 4
# teaching assistants"); a count of things bought wins ("2 presents for my 2 nephews")
PEOPLE_COUNTED = frozenset("""people friends bridesmaids colleagues guests kids children teachers
assistants nephews nieces grandkids grandchildren grandsons granddaughters sons daughters
brothers sisters cousins girls boys mates staff folks neighbours neighbors members students
pupils workers adults teens teenagers wives husbands partners parents grandparents aunts uncles
nans grans grandmas grandads""".split())
HAS_BEFORE = re.compile(r"\b(?:has|have|had|got|owns?|with)\s+$", re.I)  # "who has 4 cats"
PACKED_BEFORE = re.compile(r"\b(?:set|pack|box|bag|tin|tube|jar|bundle|lot)s?\s+of\s+$", re.I)
# counted things that are different products, not units of one: "3 gift ideas"
SEVERAL_KINDS = frozenset("""gifts presents ideas things options suggestions items products
picks bits stocking fillers ones kinds types sorts""".split())
# a price for several: "2 for £5", "£20 for 4" (each at most its share)
PRICE_FOR_SEVERAL = re.compile(r"\b(\d{1,2})\s+for\s*[$£€]\s*(\d+(?:\.\d+)?)|"
                               r"[$£€]\s*(\d+(?:\.\d+)?)\s+for\s+(\d{1,2})\b(?!\s*(?:[$£€.]|"
                               r"pounds?|quid))", re.I)
# a sign or word of another currency: read as pounds, and said so
OTHER_CURRENCY = re.compile(r"[$€]\s*\d|\b\d+(?:\.\d+)?\s*(?:dollars|euros|usd|eur|bucks)\b",
                            re.I)

# Sums as shoppers write them, rewritten to "£N" before the price patterns read them.
SPOKEN_MONEY = ((re.compile(r"[<‹]\s*(?=[$£€]?\s*\d)"), "under "),  # "candles <£3"
                (re.compile(r"[>›]\s*(?=[$£€]?\s*\d)"), "over "),
                # "three pounds fifty", "3 pounds 50", "£3 50p"
                (re.compile(r"\b(\d+|one|two|three|four|five|six|seven|eight|nine|ten|eleven|"
                            r"twelve|fifteen|twenty|thirty|forty|fifty)\s+(?:pounds?|quid)\s+"
                            r"(?:and\s+)?(\d{1,2}|ten|twenty|thirty|forty|fifty|sixty|seventy|"
                            r"eighty|ninety)(?:\s*(?:p|pence))?\b", re.I),
                 lambda m: f"£{number_value(m.group(1)) + number_value(m.group(2)) / 100:.2f}"),
                (re.compile(r"\b(?:a )?fiver\b", re.I), "£5"),
                (re.compile(r"\ba couple (?:of )?(?:quid|pounds)\b", re.I), "£2"),
                # "£3ish": about £3
                (re.compile(r"([$£€]\s*\d+(?:\.\d+)?)\s*-?\s*ish\b", re.I), r"about \1"),
                (re.compile(r"\b(?:a )?tenner\b", re.I), "£10"),
                # "3 quid", "over 5 pounds"
                (re.compile(r"\b(\d+(?:\.\d+)?)\s*(?:quid|pounds?|gbp|bucks)\b", re.I), r"£\1"),
                (re.compile(r"\ban? (?:quid|pound)\b", re.I), "£1"),  # "under a pound"
                # "under ten pounds", "twenty quid"
                (re.compile(r"\b(one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|"
                            r"fifteen|twenty|thirty|forty|fifty|hundred)\s+(?:pounds|quid|dollars|"
                            r"euros|bucks)\b", re.I),
                 lambda m: f"£{WORD_SUMS[m.group(1).lower()]}"))

WORD_SUMS = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
             "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13,
             "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18,
             "nineteen": 19, "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60,
             "seventy": 70, "eighty": 80, "ninety": 90, "hundred": 100}


def _counted(text: str) -> tuple[list[tuple[int, str]], list[int]]:
    """(count, noun) of the things bought ("12 candles", "need 40": noun ""), and the counts
    of people ("2 teachers"), never what someone has ("my mum who has 4 cats") nor a number
    inside a product's name ("a set of 6 mugs")."""
    goods, people = [], []
    for m in HOW_MANY.finditer(text):
        if HAS_BEFORE.search(text[: m.start()]) or PACKED_BEFORE.search(text[: m.start()]):
            continue
        noun = m.group(0).split()[-1].lower() if m.group(1) else ""
        count = number_value(m.group(1) or m.group(2))
        if noun in PEOPLE_COUNTED:
            people.append(count)
        else:
            goods.append((count, noun))
    return goods, people


def _how_many(text: str) -> int:
    """How many things a sum is for: the things bought ("12 candles", "need 40", "2 presents
    for my 2 nephews": 2), else the people ("2 teachers and 4 teaching assistants": 6); 0
    when none."""
    goods, people = _counted(text)
    return sum(n for n, _ in goods) if goods else sum(people)


def units_wanted(text: str) -> int:
    """How many of one product a shopper asks for: "I need 12 mugs", "30 paper cups please",
    "need 40" (0 where no count, or the count is of different things: "3 gift ideas", "2
    presents for my 2 nephews", or of people: "for 12 people")."""
    goods, _ = _counted(text)
    counts = [n for n, noun in goods if noun not in SEVERAL_KINDS]
    return counts[0] if len(counts) == 1 and len(goods) == 1 and counts[0] > 1 else 0


def number_value(word: str) -> int:
    """"12" or "twelve" as a number."""
    return int(word) if word.isdigit() else WORD_SUMS[word.lower()]

PENCE = re.compile(r"(?<![\d.£$€])(\d{1,3})\s*(?:p|pence)\b", re.I)

# after a negation ("nothing over £3") `negated` reads it as a ceiling
PRICE_MIN = re.compile(r"\b(?:over|above|more than|at least|from|min(?:imum)?)\s*[$£€]\s*"
                       r"(\d+(?:\.\d+)?)|[$£€]\s*(\d+(?:\.\d+)?)\s*\+", re.I)  # "£10+" too

# "from £5 to £10" needs the currency sign: "from 2010 to 2015" is years
# "around £10", "about 20 quid": a sum with its currency (not "around 10 of them"), read as a
# band of PRICE_BAND either side
PRICE_ABOUT = re.compile(r"\b(?:around|about|roughly|approximately|approx\.?|circa)\s*"
                         r"(?:[$£€]\s*(\d+(?:\.\d+)?)|(\d+(?:\.\d+)?)\s*(?:pounds|quid|"
                         r"dollars|euros)\b)", re.I)

PRICE_BAND = 0.25
CEILING_BEFORE = re.compile(r"\b(?:up to|under|below|less than|more than|max(?:imum)?|at most|"
                            r"over|above|at least|limit(?: is| of)?|budget(?: is| of)?)\s*$", re.I)

PRICE_RANGE = re.compile(r"(?:\b(?:between\s*[$£€]?|from\s*[$£€])|[$£€])\s*(\d+(?:\.\d+)?)\s*"
                         r"(?:and|-|–|to)\s*" + MONEY + "|"  # "£2-£4" too
                         # "10 to 15 pounds" (read as "10 to £15"), "5-10£"
                         r"\b(\d+(?:\.\d+)?)\s*(?:-|–|to)\s*[$£€]\s*(\d+(?:\.\d+)?)|"
                         r"\b(\d+(?:\.\d+)?)\s*(?:-|–|to)\s*(\d+(?:\.\d+)?)\s*[$£€]", re.I)

DECADE = re.compile(r"\b(?:the\s+)?(?:(19|20)?(\d)0)'?s\b", re.I)

DECADE_PART = re.compile(r"\b(early|mid|late)[\s-]*(?:the\s+)?$", re.I)

DECADE_PARTS = {"early": (0, 4), "mid": (3, 7), "late": (5, 9)}  # wide: people differ

DECADE_WORDS = re.compile(r"\b(twent|thirt|fort|fift|sixt|sevent|eight|ninet)ies\b", re.I)

DECADE_DIGIT = {"twent": "2", "thirt": "3", "fort": "4", "fift": "5", "sixt": "6", "sevent": "7",
                "eight": "8", "ninet": "9"}

# "the 40s or 50s", "70s and 80s", "80s to 90s": one span from the first to the last
DECADE_JOIN = re.compile(r"\s*(?:,|or|and|to|through|till|until|-|–)\s*(?:the\s+)?"
                         r"(?:(?:early|mid|late)[\s-]*)?$", re.I)

# years as a span: "between 1985 and 1995", "from 1995 to 2005", "2010-2015" (not prices)
# ("and" only after "between": "I loved 2001 and 2010" names two films)
YEAR_RANGE = re.compile(r"(?:\bbetween\s+((?:19|20)\d\d)\s+and|\b((?:19|20)\d\d)\s*(?:-|–|to|"
                        r"until|till|through))\s*((?:19|20)\d\d)\b"
                        r"(?!\s*(?:pounds|dollars|euros|quid))", re.I)

# one year: "released in 1994", "a film from '85", "made in 2015"
YEAR_IN = re.compile(r"\b(?:released|made|came out|filmed|shot|out)\s+in\s+((?:19|20)\d\d)\b|"
                     r"\b(?:from|in)\s+'(\d\d)\b", re.I)

# a year alone, or offered instead of one asked before: "2017", "what about 2018", "how about
# 2012 instead"
YEAR_ALONE = re.compile(r"\W*(?:(?:ok|okay|hmm+|and|or|now|then|maybe|sorry|oops|wait|"
                        # "no, 2012" corrects; "no 2012" sets the year aside
                        r"actually)\W+|(?:no|nope)\s*[,.!:;-]\W*)*(?:(?:what|how) about|try|"
                        r"maybe|or|and|now|"
                        r"(?:i\s+)?meant|i mean|make it|change it to)?\s*((?:19|20)\d\d)"
                        r"(?:\s+(?:instead|then|please|"
                        r"pls|maybe|movies|films|ones|releases))*\W*", re.I)

# "from the last 10 years", "made in the past twenty years"
LAST_YEARS = re.compile(r"\b(?:(?:last|past)\s+|(?:not|no|nothing) older than\s+|"
                        r"less than\s+(?=\S+\s+years?\s+old))(\d{1,2}|five|ten|fifteen|twenty|"
                        r"thirty)\s+years\b", re.I)  # "not older than 10 years" too

NUMBER_WORDS = {"five": 5, "ten": 10, "fifteen": 15, "twenty": 20, "thirty": 30}

DECADE_LATER = re.compile(r"\s*(?:(?:or|and)\s+(?:later|newer|after|beyond|up|more recent|"
                          r"anything newer)\b|on(?:wards?)?\b|\+)", re.I)  # "90s or later"

DECADE_EARLIER = re.compile(r"\s*(?:or|and)\s+(?:earlier|older|before)\b", re.I)

NEGATED_DECADE_AFTER = re.compile(r"\s*(?:movies?|films?|stuff|ones?)?\s*(?:please\s*)?,?\s*"
                                  r"(?:is|are)?\s*(?:not for me|out|a no)\b", re.I)

DECADE_SINCE = re.compile(r"\bsince\s+(?:the\s+)?$", re.I)  # ("from the 90s" is within them)

DECADE_AFTER = re.compile(r"\b(?:after|newer than|later than|post)\s*-?\s*(?:the\s+)?$", re.I)

DECADE_BEFORE = re.compile(r"\b(?:before|older than|earlier than|prior to|pre)\s*-?\s*"
                           r"(?:the\s+)?$", re.I)

YEAR_MAX = re.compile(r"\b(?:older than|before|pre|earlier than|prior to)\s*-?\s*((?:19|20)\d\d)",
                      re.I)

WIDEN = re.compile(r"\b(?:widen|extend|stretch|open)\b", re.I)

# what a year may describe: "2017 movies", "a 2016 comedy", "the best films of 1994"
YEAR_NOUNS = rf"(?:{FILM_NOUNS}|ones?|releases?)"
# "a 2015 sci-fi film", "movies from 1999 or 2000": those years
YEAR_ADJECTIVE = re.compile(r"\b(?:a|an|some|any)\s+((?:19|20)\d\d)\s+(?:[\w-]+\s+){0,2}"
                            rf"{YEAR_NOUNS}\b", re.I)
# "best movies of 2017", "comedies in 2016": that year (not "of 2010 onwards": YEAR_ONWARDS)
YEAR_OF = re.compile(rf"\b{YEAR_NOUNS}\s+(?:of|in)\s+((?:19|20)\d\d)\b(?!s\b|'s\b)", re.I)

YEAR_OR = re.compile(r"\b(?:from|in)\s+((?:19|20)\d\d)\s+or\s+((?:19|20)\d\d)\b", re.I)

# "up to 2010", "widen it to 2010": that year is the last
YEAR_UNTIL = re.compile(r"\b(?:up to|until|till|through|thru|(?:widen|extend|stretch|open)\s+"
                        r"(?:it|that|this|the (?:range|years?)\s+)?\s*(?:up\s+)?to)\s+"
                        r"((?:19|20)\d\d)\b", re.I)

YEAR_MIN = re.compile(r"\b(newer than|after|since|post|later than|from)\s*-?\s*((?:19|20)\d\d)"
                      r"(?!s)", re.I)

YEAR_MIN_EXCLUSIVE = ("newer than", "after", "post", "later than")  # "after 2010" is 2011 on

# "something from 2015" is that year; "from 2015 on", "from 2015 or later" open it
YEAR_ONWARDS = re.compile(r"\s*(?:on\b|onwards?\b|forwards?\b|\+|(?:or|and) (?:later|newer|after|"
                          r"up|beyond|more recent)\b|to (?:now|today|the present)\b|"
                          r"till now\b|until now\b)", re.I)

# a year alone, opened: "2010 onwards", "2015+", "2000 or later" (not "from 2010 on": YEAR_MIN)
YEAR_BARE_ONWARDS = re.compile(r"(?<![\w£$€.])((?:19|20)\d\d)(?=" + YEAR_ONWARDS.pattern + ")",
                               re.I)

# A bound said with a negation in front means the other side: "nothing from before 2000" is
# 2000 on, "no later than 2010" up to 2010, "nothing under £5" £5 and up. Only a few filler
# words may stand between ("no movies made before 1990"), so that "not too old, after 2010"
# stays a floor.
NEGATED_LEAD = re.compile(
    r"\b(?:not|no|nothing|nowt|none|never|avoid|skip|without|anything but|(?:do not|don'?t|"
    r"dont) (?:want|need|show me|like)|(?:can ?not|can'?t|cant|won'?t|wont) (?:spend|pay|go))"
    r"\s+(?:(?:anything|something|stuff|movies?|films?|"
    r"flicks?|ones?|things?|items?|products?|gifts?|made|released|filmed|set|out|from|that|"
    r"which|is|are|was|were|costs?|costing|priced|at all|really|the|"
    # "i don't want to spend more than 15 quid": the ceiling of what is spent
    r"to|spend|spending|pay|paying|go|going)\s+){0,3}$", re.I)


def spoken_prices(text: str) -> str:
    """"under a fiver" -> "under £5", "50p" -> "£0.50": one way of writing a sum."""
    for pattern, value in SPOKEN_MONEY:
        text = pattern.sub(value, text)
    return PENCE.sub(lambda m: f"£{int(m.group(1)) / 100:.2f}", text)


def price_bounds_said(low: float | None, high: float | None) -> str:
    """A price range as the replies say it: "£2.00 to £5.00", "at least £2.00", "at most
    £5.00"; "" where there is no bound."""
    if low is not None and high is not None:
        return f"£{low:.2f} to £{high:.2f}"
    return f"at least £{low:.2f}" if low is not None else \
        f"at most £{high:.2f}" if high is not None else ""


def without_prices(text: str) -> str:
    """`text` with every sum read as a price blanked, its spoken forms written as sums first
    ("gifts under a tenner" -> "gifts under £10" -> "gifts"): the shop's text search had
    matched "Set 10 cards" for "a tenner" and "Christmas lights 10 santas" for "10 quid".
    Words before a sum that ends the message stay ("candles £2" keeps "candles")."""
    money = spoken_prices(text)
    for pattern in (PRICE_RANGE, PRICE_ABOUT, PRICE_MAX, PRICE_MIN, PRICE_FOR_SEVERAL, PRICE_FOR):
        money = pattern.sub(lambda m: " " * len(m.group()), money)

    def the_sum(m: re.Match[str]) -> str:
        first = min(m.start(g) for g in range(1, m.re.groups + 1) if m.group(g) is not None)
        first -= len(money[m.start() : first]) - len(money[m.start() : first].rstrip("$£€ "))
        return money[m.start() : first] + " " * (m.end() - first)
    return PRICE_MAX_AFTER.sub(the_sum, money)


def read_numbers(text: str, reading: Bounds, newest: int | None = None) -> None:
    """Prices and years; `newest`: the catalogue's latest year, for "the last 10 years"."""
    if m := YEAR_RANGE.search(text):  # years, never a price: "between 1985 and 1995"
        low, high = sorted((int(m.group(1) or m.group(2)), int(m.group(3))))
        if not negated(text, m.start()):  # "nothing from 2000 to 2005": `years_set_aside`
            reading.year_min, reading.year_max = low, high
        text = text[: m.start()] + " " * (m.end() - m.start()) + text[m.end():]
    money = spoken_prices(text)
    if m := PRICE_RANGE.search(money):
        reading.price_min, reading.price_max = sorted(
            float(g) for g in m.groups() if g is not None)[:2]
    elif (m := PRICE_ABOUT.search(money)) and not CEILING_BEFORE.search(money[: m.start()]):
        sum_ = float(m.group(1) or m.group(2))
        reading.price_min = round(sum_ * (1 - PRICE_BAND), 2)
        reading.price_max = round(sum_ * (1 + PRICE_BAND), 2)
    else:
        if m := PRICE_MAX.search(money) or PRICE_MAX_AFTER.search(money) or \
                PRICE_FOR.search(money):
            sum_ = float(next(g for g in m.groups() if g is not None))
            if negated(money, m.start()):  # "nothing under £5": £5 is the floor
                reading.price_min = sum_
            else:
                reading.price_max = sum_
        if m := PRICE_MIN.search(money):
            sum_ = float(next(g for g in m.groups() if g is not None))
            if negated(money, m.start()):  # "nothing that costs over £10"
                reading.price_max = sum_
            else:
                reading.price_min = sum_
    if reading.price_min is None and (m := PRICE_FOR_SEVERAL.search(money)):
        count, total = (int(m.group(1)), float(m.group(2))) if m.group(1) else \
            (int(m.group(4)), float(m.group(3)))
        if count > 1:  # "2 for £5": £2.50 each, said back
            reading.relative.append(f"each:{total}:{count}")
            reading.price_max = round(total / count, 2)
    elif reading.price_max is not None and PRICE_TOTAL.search(money) and \
            (count := _how_many(text)) > 1:
        # "£40 altogether for 6": each at most a sixth, said back ("each:40.0:6"); a band
        # ("about £30 total for 6") is shared the same way
        if reading.price_min is None:
            reading.relative.append(f"each:{reading.price_max}:{count}")
        else:  # said back as the sum written: "about £30 in all for 6"
            reading.relative.append(f"each_about:{(reading.price_min + reading.price_max) / 2}:"
                                    f"{count}")
            reading.price_min = round(reading.price_min / count, 2)
        reading.price_max = round(reading.price_max / count, 2)
    if (reading.price_min is not None or reading.price_max is not None) and \
            OTHER_CURRENCY.search(text):
        reading.relative.append("currency")  # "$6": the shop's prices are in pounds
    if reading.year_min is not None and reading.year_max is not None:
        return  # a span of years was given
    if m := YEAR_OR.search(text):
        reading.year_min, reading.year_max = sorted((int(m.group(1)), int(m.group(2))))
        return
    if m := YEAR_ADJECTIVE.search(text):
        reading.year_min = reading.year_max = int(m.group(1))
        return
    if m := YEAR_IN.search(text):
        year = int(m.group(1)) if m.group(1) else _two_digit_year(int(m.group(2)), newest)
        reading.year_min = reading.year_max = year
        return
    if (m := YEAR_OF.search(text)) and not YEAR_ONWARDS.match(text, m.end()) and \
            not negated(text, m.start()):
        reading.year_min = reading.year_max = int(m.group(1))
        return
    if m := YEAR_ALONE.fullmatch(text):
        reading.year_min = reading.year_max = int(m.group(1))
        return
    if newest and (m := LAST_YEARS.search(text)):
        count = int(m.group(1)) if m.group(1).isdigit() else NUMBER_WORDS[m.group(1).lower()]
        reading.year_min = newest - count + 1
        return
    if m := YEAR_UNTIL.search(text):
        if WIDEN.search(m.group(0)):  # "widen it to 2000": which end, the session says
            reading.relative.append(f"widen:{int(m.group(1))}")
        else:
            reading.year_max = int(m.group(1))
    elif m := YEAR_MAX.search(text):
        if negated(text, m.start()):  # "nothing from before 2000", "no earlier than 2000"
            reading.year_min = int(m.group(1))
        else:
            reading.year_max = int(m.group(1)) - 1
    if reading.year_min is None and reading.year_max is None and \
            (m := YEAR_BARE_ONWARDS.search(text)) and not negated(text, m.start()):
        reading.year_min = int(m.group(1))  # "maybe 2010 onwards", "2015+", "2000 or later"
    if m := YEAR_MIN.search(text):
        word = m.group(1).lower()
        if word == "from" and reading.year_max is None and not YEAR_ONWARDS.match(
                text, m.end()) and not negated(text, m.start()):
            reading.year_min = reading.year_max = int(m.group(2))
        elif not negated(text, m.start()):
            reading.year_min = int(m.group(2)) + (1 if word in YEAR_MIN_EXCLUSIVE else 0)
        elif word != "from":  # "nothing after 2010": up to 2010 ("nothing from 2010" is no bound)
            reading.year_max = int(m.group(2)) - (0 if word in YEAR_MIN_EXCLUSIVE else 1)
    text = DECADE_WORDS.sub(lambda w: DECADE_DIGIT[w.group(1).lower()] + "0s", text)
    settings = [m.span() for m in _settings(text)]
    decades = [m for m in DECADE.finditer(text) if not AGE_BEFORE.search(text[: m.start()])
               and not any(a <= m.start() < b for a, b in settings)]
    if meant := [k for k, m in enumerate(decades) if MEANT_BEFORE.search(text[: m.start()])]:
        decades = decades[meant[-1]:]  # "sorry I said 70s, meant 90s": the decade meant
    if decades and (reading.year_min is None) != (reading.year_max is None):
        # "2000s but not after 2005": the decade gives the side the year left open
        low, high = _decade_bounds(_decade_start(decades[0]), text[: decades[0].start()],
                                   text[decades[0].end():])
        if reading.year_min is None and low is not None and low <= reading.year_max:
            reading.year_min = low
        elif reading.year_max is None and high is not None and high >= reading.year_min:
            reading.year_max = high
    if reading.year_min is None and reading.year_max is None and decades:
        m = decades[0]
        start = _decade_start(m)
        reading.year_min, reading.year_max = _decade_bounds(start, text[: m.start()],
                                                            text[m.end():])
        # "the 40s or 50s": the span runs on to the last decade joined to the first
        last = m
        for nxt in decades[1:]:
            if not DECADE_JOIN.fullmatch(text[last.end(): nxt.start()]):
                break
            last = nxt
        if last is not m and reading.year_max == start + 9:
            part = DECADE_PART.search(text[: last.start()])  # "late 80s or early 90s"
            reading.year_max = _decade_start(last) + (
                DECADE_PARTS[part.group(1).lower()][1] if part else 9)


# "my grandparents, they're in their 80s": an age, not the films' decade
AGE_BEFORE = re.compile(r"\b(?:in|into) (?:their|his|her|my|our|your) (?:early |late |mid[- ]?)?$",
                        re.I)

MEANT_BEFORE = re.compile(r"\b(?:meant|i mean|make it|change it to)\s+(?:the\s+)?$", re.I)
# "set in the 1920s", "takes place during the 60s": when the story happens, not when the film
# came out (`settings_named` reads it as a word the summary must hold)
SETTING_BEFORE = re.compile(r"\b(?:set|takes? place|taking place|life)\s+"
                            r"(?:in|during|around)\s+(?:the\s+)?(?:early |late |mid[- ]?)?$",
                            re.I)
# a decade of the films' centuries only: "set in the 1800s" is a century no summary dates
SETTING_DECADE = re.compile(r"\b(?:the\s+)?(?:early |late |mid[- ]?)?(19|20)?(\d)0'?s\b", re.I)


def _settings(text: str) -> list[re.Match]:
    """The decades a story is asked to be set in: after "set in", and those joined to one
    ("set in the 50s or 60s")."""
    found: list[re.Match] = []
    for m in SETTING_DECADE.finditer(text):
        if SETTING_BEFORE.search(text[: m.start()]) or found and DECADE_JOIN.fullmatch(
                text[found[-1].end(): m.start()]):
            found.append(m)
    return found


def settings_named(text: str) -> list[str]:
    """The decades a story is asked to be set in ("set in the 1920s", "takes place during the
    60s", "set in the 1800s"), as summaries write them ("1920s"); a bare "20s" is the 1920s."""
    return list(dict.fromkeys(
        f"{m.group(1) or ('20' if m.group(2) in '01' else '19')}{m.group(2)}0s"
        for m in _settings(text)))


def _decade_start(m: re.Match) -> int:
    century = m.group(1) or ("20" if m.group(2) in "012" else "19")
    return int(century + m.group(2) + "0")


# between two values left out as a list: "no 80s or 90s movies", "no 2016 or 2017 movies"
LEFT_OUT_JOINER = re.compile(r"\s*(?:,|or|and|nor|&)\s*(?:the\s+)?", re.I)


def _left_out(text: str, pattern: re.Pattern[str], bound: Callable[[str], bool],
              value: Callable[[re.Match[str]], str]) -> list[str]:
    """`value` of each match of `pattern` left out: a negation before it, a refusal after it,
    or a list joiner after one left out; never where `bound` says the words before make it a
    bound ("nothing after the 90s")."""
    out: list[str] = []
    last_end = -1  # the end of the last one left out: "no 80s or 90s movies" leaves both
    for m in pattern.finditer(text):
        before, after = text[: m.start()], text[m.end():]
        if bound(before):
            continue
        listed = last_end >= 0 and LEFT_OUT_JOINER.fullmatch(text[last_end: m.start()])
        if negated(before, len(before)) or NEGATED_DECADE_AFTER.match(after) or listed:
            out.append(value(m))
            last_end = m.end()
    return list(dict.fromkeys(out))


def decades_set_aside(text: str) -> list[str]:
    """Decades left out ("no 80s movies", "horror but not from the 2010s") as the catalogue's
    decade words ("1980s"): years in the middle, which no bound says (`_decade_bounds`)."""
    text = DECADE_WORDS.sub(lambda w: DECADE_DIGIT[w.group(1).lower()] + "0s", text)
    return _left_out(text, DECADE, lambda before: bool(
        DECADE_AFTER.search(before) or DECADE_BEFORE.search(before) or AGE_BEFORE.search(before)),
        lambda m: f"{_decade_start(m)}s")


MAX_YEARS_SET_ASIDE = 10  # a longer span left out is said back (Constraints holds 12)
SINGLE_YEAR = re.compile(r"\b((?:19|20)\d\d)\b(?!s\b|'s\b|\s*(?:-|to|and|through)\s*\d)", re.I)


def years_set_aside(text: str) -> list[str]:
    """Single years left out ("comedies but not from 2017", "no 2016 or 2017 movies"), as the
    catalogue's year words: a year in the middle, which no bound says."""
    spanned: list[str] = []
    if (span := YEAR_RANGE.search(text)) and negated(text, span.start()):
        low, high = sorted((int(span.group(1) or span.group(2)), int(span.group(3))))
        if high - low <= MAX_YEARS_SET_ASIDE:  # "nothing from 2000 to 2005"
            spanned = [str(y) for y in range(low, high + 1)]
        text = text[: span.start()] + " " * (span.end() - span.start()) + text[span.end():]
    return list(dict.fromkeys(spanned + _left_out(text, SINGLE_YEAR, lambda before: bool(
        DECADE_AFTER.search(before) or DECADE_BEFORE.search(before) or
        DECADE_SINCE.search(before)), lambda m: m.group(1))))


def long_span_set_aside(text: str) -> tuple[int, int] | None:
    """A span of years left out too long for single years ("nothing from 1980 to 2005"): no
    bound says it either, so it is said back instead of read as nothing."""
    if (span := YEAR_RANGE.search(text)) and negated(text, span.start()):
        low, high = sorted((int(span.group(1) or span.group(2)), int(span.group(3))))
        if high - low > MAX_YEARS_SET_ASIDE:
            return low, high
    return None


def newest_year(catalog: Catalog) -> int | None:
    """The catalogue's latest year (None where items have no years: the gift shop)."""
    years = catalog.years
    newest = int(years.max()) if len(years) else -1
    return newest if newest > 0 else None


def _two_digit_year(yy: int, newest: int | None) -> int:
    """'85 is 1985, '05 is 2005: the century that does not put it after the catalogue."""
    return 2000 + yy if 2000 + yy <= (newest or 2030) else 1900 + yy


def negated(text: str, start: int) -> bool:
    """Whether a negation stands right before the bound that starts at `start`."""
    return bool(NEGATED_LEAD.search(text[max(0, start - 60):start]))


def _decade_bounds(start: int, before: str, after: str) -> tuple[int | None, int | None]:
    """The years a decade asks for as the words around it open it up: "the 90s" 1990-1999,
    "the 90s or later" 1990 on, "before the 90s" up to 1989, "after the 90s" 2000 on."""
    if (m := DECADE_AFTER.search(before)) and negated(before, m.start()):
        return None, start + 9  # "nothing after the 90s"
    if (m := DECADE_BEFORE.search(before)) and negated(before, m.start()):
        return start, None  # "nothing before the 90s"
    if negated(before, len(before)) or NEGATED_DECADE_AFTER.match(after):
        return None, None  # "no 80s movies" leaves out years in the middle: no bound says that
    if DECADE_LATER.match(after) or DECADE_SINCE.search(before):
        return start, None
    if DECADE_AFTER.search(before):
        return start + 10, None
    if DECADE_EARLIER.match(after):
        return None, start + 9
    if DECADE_BEFORE.search(before):
        return None, start - 1
    if m := DECADE_PART.search(before):  # "the late 90s": 1995-1999, said back as such
        low, high = DECADE_PARTS[m.group(1).lower()]
        return start + low, start + high
    return start, start + 9
