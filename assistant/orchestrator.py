"""`Assistant.turn` and `Assistant.refine`: the only sequencer of a chat turn (DESIGN.md).

Phase 1 (`turn`): rules -> linking -> session update -> hybrid retrieval -> ranking -> template
reasons -> reply, deterministic and fast. Phase 2 (`refine`, then `adopt`): the LLM's reading
when the rules are not confident, retrieval and ranking again, LLM re-rank + reasons (checked).
At most two LLM calls, in that order; any stage that fails falls back and is named in
`fallbacks`, never raised to the user, and a failed phase 2 leaves phase 1 standing.
"""

from __future__ import annotations

import re
import time
from collections import Counter
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, replace
from datetime import date
from functools import cached_property

import numpy as np

from assistant.amounts import (
    MAX_YEARS_SET_ASIDE,
    WORD_SUMS,
    price_bounds_said,
    without_prices,
)
from assistant.emoji import emoji_words
from assistant.explain import Explainer, short_description
from assistant.intent import IntentParser, ParsedIntent, filters_from
from assistant.lifetime import BORN_YEAR, birth_said, life_said, life_years
from assistant.linking import ARABIC, MINOR, ROMAN
from assistant.release import NAMED, START_OVER, apply_release, taken_back
from assistant.rules import (
    BABY_AGE,
    BABY_NAME_WORDS,
    BOUGHT_TOGETHER,
    CHILD_AGE,
    CHILD_NAME_WORDS,
    CHOSEN,
    FOR_A_CHILD,
    GIFT_WORD,
    LESSER_KNOWN,
    MAX_LIST_SIZE,
    ORDINALS,
    POPULAR,
    SCARED_EASILY,
    STOCKING,
    WATCHER,
    asks_for_like,
    cast_spans,
    genre_words,
    plural_verdict,
    read_message,
    shop_noise,
    starts_over,
    stated_ages,
    verdict_clauses,
    watcher_named,
    without_occasions,
    without_unsupported,
)
from assistant.shopping import NOT_A_SUBJECT
from assistant.words import CHAT_WORDS, content_words, only_chat, only_verdicts, visible
from core.catalog import (
    DECADE_WORD,
    FILM_KINDS,
    SERIES_TOPIC,
    SUBJECTS_SAID,
    Catalog,
    normalize_title,
    series_said,
    word_forms,
)
from core.types import (
    ITEM_READINGS,
    Candidates,
    HardFilters,
    Intent,
    Message,
    Query,
    Session,
    TurnResult,
)
from ranker.base import Ranker
from retrieval.base import Retriever
from retrieval.filters import allowed_mask, filter_mask

CANDIDATES = 200
QUERY_USER_MESSAGES = 3
LLM_CALLS_PER_TURN = 2  # intent + re-rank/explain; the explain stage retries only if unspent
MAX_LISTS = 50  # lists kept for "the 3rd one from the first list"
FEEDBACK_SIGNALS = ("like", "dislike", "click", "purchase")


@dataclass(frozen=True)
class ListAnswer:
    """A question over the list on screen answered from it (`text`), and where none of it
    fits, the filters the turn narrows to instead (`narrowed`)."""

    text: str
    narrowed: HardFilters | None = None


@dataclass
class Refinement:
    """What phase 2 made of a turn: the refined result (None: phase 1 stands), the stages that
    fell back, and the LLM's reading of the message (None: skipped or failed) for `adopt`."""

    result: TurnResult | None
    fallbacks: list[str]
    reading: ParsedIntent | None = None
    used: ParsedIntent | None = None  # the reading the reply was written from


@dataclass
class Stages:
    """Per-stage timings in milliseconds."""

    timings: dict[str, float]

    @contextmanager
    def stage(self, name: str) -> Iterator[None]:
        start = time.perf_counter()
        try:
            yield
        finally:
            self.timings[name] = round((time.perf_counter() - start) * 1000.0, 3)


# an opinion said before taken back ("not troy actually", "scratch that, not Heat")
TAKEN_BACK = re.compile(r"\b(?:actually|on second thought|scratch that|i take (?:that|it) back|"
                        r"changed my mind|come to think of it)\b", re.I)
# a message going on with the one before: "or romance", "nor westerns", "or ben stiller"
# (never an offer: "or maybe a comedy?", "or a thriller would be good", "or dramas instead?")
OR_MORE = re.compile(r"\W*(?:(?:or|nor)\s+(?:any\s+|no\s+)?[\w' -]+?(?:\s+(?:either|neither|too))?"
                     r"|(?:and|but)\s+(?:no|not)\s+[\w' -]+?)[.!]*\s*", re.I)
OFFERED = re.compile(r"\b(?:maybe|perhaps|instead|then|would|could|fine|good|ok|okay|actually|"
                     r"works?|how about|what about|please|pls|plz|something|anything)\b|!", re.I)


def user_texts(session: Session) -> list[str]:
    """The person's messages since they last started over, oldest first, emoji as words."""
    return [emoji_words(m.text, session.catalog) for m in session.conversation()
            if m.role == "user"]


def without_words(text: str, words: list[str]) -> str:
    """`text` without `words` (whole words, any case, plural too): constraints taken back."""
    for word in words:
        text = re.sub(rf"\b{re.escape(word)}(?:e?s)?\b", " ", text, flags=re.IGNORECASE)
    return text


def named_words(filters: HardFilters) -> list[str]:
    """The words of every genre, person, topic and subject `filters` names."""
    values = [v for name in NAMED for v in getattr(filters, name)]
    return list(dict.fromkeys(w.lower() for v in values for w in v.split() if len(w) > 2))


def without_titles(text: str, catalog: Catalog, items: list[int]) -> str:
    """`text` with the titles of `items` (titles set aside) blanked out: the text source
    would otherwise look for films like the one the person just ruled out."""
    for item in items:
        title = catalog.titles[item] if 0 <= item < len(catalog) else ""
        if len(title) > 1:
            text = re.sub(rf"\b{re.escape(title)}\b", " ", text, flags=re.IGNORECASE)
    return text


# what a message says of "it" that needs to know which film: a verdict or taking it up
VERDICT_CUES = ("positive", "negative", "wanted")
WELL_KNOWN_SHARE = 0.1  # the most mentioned (bought) items, left out of "a hidden gem"
ABOUT, BRIEF_ABOUT = 400, 200  # characters of description for one item asked about, of several
NOT_OLD_YEARS = 25  # "not too old": the catalogue's last 25 years
RECENT_YEARS = 5  # "something recent" with nothing shown: the catalogue's last five years
YEAR_TOPIC = re.compile(r"(?:19|20)\d\d")  # a single year set aside (`years_set_aside`)
CLASSIC_YEARS = 30  # "classic movies" with nothing shown: older than the last 30 years
# who a gift is for: "for my dad", "for a colleague who likes baking"
RECIPIENT = re.compile(r"\b(?:for|on(?=\s+(?:my|our)\s))\s+(?:(?P<whose>my|our|a|an|the)\s+)?"
                       # "my child's teacher" is the teacher (probe 2026-12-07: "child's
                       # teacher" had been searched and children's garden tools shown)
                       r"(?P<who>(?:[a-z]+['’]s\s+)?(?:(?:little|big|"
                       r"older|younger|best|new|\d+\s*(?:year|yr)\s*old)\s+)?(?:mum|mom|mother|"
                       r"dad|father|parent|sister|brother|wife|husband|partner|boyfriend|"
                       r"girlfriend|son|daughter|nan|nana|gran|grandma|grandad|grandpa|granny|aunt|"
                       r"uncle|niece|nephew|cousin|friend|colleague|co-?worker|workmate|boss|"
                       r"manager|teacher|neighbou?r|bridesmaid|teen|teenager|adult|grown-?up|"
                       # "mugs for the office" (office mug warmers had come first)
                       r"office|team|staff)s?)"
                       # never "my colleague's baby"; "for mum", "for teenagers" name one too
                       r"\b(?!['’])", re.I)
# (a child's gifts have categories of their own)
# who a gift is for, as product names address them ("Toast its - best mum", "Best dad candle
# letters"); any other recipient leaves the text search, where "a gift for a friend" had
# matched "Feltcraft 6 flower friends" and "Letter "a" bling key ring"
ADDRESSED = frozenset("mum mums mom moms mother dad dads father".split())
# the words of an order by price that say nothing of what is wanted: "what's the most
# expensive thing you sell?"
ORDER_WORDS = re.compile(r"\b(?:cheapest|most expensive|priciest|dearest|sell|sells|stock|"
                         r"first|price|prices)\b", re.I)
# who a gift may be for, grown up: children's things go last for them ("Childs garden trowel
# pink" had been a gift for a mum); a son, niece or friend may be any age
GROWN_UPS = frozenset("""mum mom mother dad father parents wife husband partner boyfriend
girlfriend nan nana gran grandma grandad grandpa granny aunt uncle colleague coworker
co-worker workmate boss manager teacher neighbour neighbor bridesmaid bridesmaids office team
staff teen teenager adult grownup grown-up""".split())  # (teenagers: no child's things either)
# a film the person is trying to name: "what's the movie where a guy relives the same day",
# "the one where ...", "I can't remember the name of a film about ..."
NAMING_A_FILM = re.compile(
    r"\b(?:what(?:'?s| is| was)|whats|which is) (?:the |that |this )?(?:name of (?:the |that |"
    r"this |a )?)?(?:movie|film|one)\b|\b(?:the|that|this) (?:movie|film|one) (?:where|in which|"
    r"when|with the|that had)\b|\b(?:trying to|can'?t|cannot|don'?t) (?:remember|recall|think "
    r"of)\b|\bforg[eo]t the (?:name|title)\b", re.I)
# items of the same kind as those liked, not what is bought with them: "something similar to
# the regency cakestand", "more like this one", "alternatives to it" (never "nothing similar")
SAME_KIND = re.compile(r"(?<!\bnothing )(?<!\bnot )(?<!\bno )(?<!\bnothing too )\b(?:similar|"
                       r"alternatives?|the same (?:kind|type|style|sort)|(?:something|anything|"
                       r"more|others?|ones?|things?|items?|products?)\s+(?:just\s+)?like)\b",
                       re.I)
DETERMINERS = frozenset("the my our your this that these those a an some her his their".split())
# what ends the words naming products after "what goes with": a title's small words, and
# those of a price or a choice ("the paper chain kit under £5", "... or the bunting")
MINOR_WORDS = MINOR | frozenset("or under over below above".split())
# a genre set aside by degree ("not too scary") stays a filter while it leaves this many
MILD_LEAVES = 3
MAX_TOGETHER = 100  # products a phrase may name to be asked what goes with ("mugs": 70)
PRONOUN = re.compile(r"\b(?:it|this|that|them|these|those)\b", re.I)
# the person leaving: "thanks, bye", "good night" (a "Hi!" had answered it)
FAREWELL = re.compile(r"\b(?:bye|goodbye|good ?night|see (?:you|ya)|cya|ciao|take care)\b",
                      re.I)
# what the shop does rather than what its products are (rules.UNSUPPORTED's names)
SHOP_SERVICES = frozenset({"delivery options", "payment options", "return terms",
                           "shops and opening hours", "contact details", "gift wrapping options",
                           "discounts", "order tracking"})
# what a gift comes in, not a gift: "a birthday gift for my sister" had shown five birthday
# cards ("card wallet", "gift box" are gifts)
GIFT_TRIMMINGS = re.compile(r"\b(?:cards?|wrap|wrapping|gift\s+(?:tags?|bags?|tape)|tags|"
                            r"ribbons?)\b"
                            r"(?!\s+(?:wallet|holder|game|case)s?\b)", re.I)
CHEAP_QUANTILE = 0.25  # "something cheap" with nothing shown: the catalogue's cheapest quarter
# (and "something expensive" its dearest)
SIMILAR = re.compile(r"(?<!\bnothing )(?<!\bnot )(?<!\bno )(?<!\bnot the )"
                     r"\b(?:similar|the same|like (?:that|it|this|those|them|hers|his))\b", re.I)
# the item of the list at a price or year extreme: "which one is cheapest?", "the most expensive
# one", "which is the newest"
RANKED_PLACE = re.compile(r"(?:(?P<which>\b(?:which|what)(?:\s+one)?(?:'s|\s+is)\s+)(?:the\s+)?|"
                          # "cheapest one" opening the message, as "the cheapest one"
                          r"\bthe\s+|^\W*(?:(?:ok|okay|hmm+|and|so|just)\W+)?(?=\w+est\s+one\b))"
                          r"(?:(?P<cheap>cheapest)|(?P<dear>most expensive|priciest|dearest)|"
                          r"(?P<new>newest|latest|most recent)|(?P<old>oldest))"
                          r"(?:\s+one)?\b"
                          r"(?=\s*(?:[.!?,]|$|please\b|pls\b|then\b|of (?:these|them|those)\b))",
                          re.I)  # never "the cheapest candles you've got", "... one in red"
_SUPERLATIVE = r"(?:\w+est|most\s+\w+)"  # "funniest", "most romantic"
SUPERLATIVE = re.compile(rf"\b{_SUPERLATIVE}\b", re.I)
# the list asked to choose from: "which one is the best?", "which should I watch first?",
# "which would you pick?", "what's your top pick?"
BEST_PICK = re.compile(
    r"^\W*(?:(?:so|and|ok|okay|hmm+|but|also|well)\W+)?(?:"
    r"(?:which|what)(?:\s+one|\s+of\s+(?:them|these|those))?(?:'s|\s+is|\s+one'?s)\s+"
    r"(?:the\s+)?(?:best|better|your\s+(?:favou?rite|top\s+pick|pick))(?:\s+one)?|"
    r"(?:which|what)(?:\s+one|\s+of\s+(?:them|these|those))?\s+(?:would|do|should)\s+"
    r"(?:you|u)\s+(?:pick|choose|go\s+with|watch|recommend(?:\s+most)?)|"
    r"(?:which|what)(?:\s+one|\s+of\s+(?:them|these|those))?\s+should\s+(?:i|we)\s+"
    r"(?:watch|see|get|buy|pick|choose|go\s+with|start\s+with)(?:\s+first)?|"
    r"(?:what'?s\s+)?your\s+(?:top\s+pick|favou?rite)(?:\s+of\s+(?:them|these|those))?)"
    r"(?:\s+of\s+(?:them|these|those|the\s+(?:list|bunch)))?\W*$", re.I)
# a question over the whole list on screen: "is any of them animated?", "which one is sad",
# "do any of these star tom cruise?", "which is the funniest"
LIST_QUESTION = re.compile(
    r"^\W*(?:(?:so|and|ok|okay|hmm+|but|also)\W+)?(?:"
    r"(?:is|are|was|were)\s+(?:any|either|one|some)\s+of\s+(?:them|these|those|the\s+\w+)|"
    r"(?:do|does|did)\s+(?:any|either|one|some)\s+of\s+(?:them|these|those)|"
    r"which\s+(?:one|ones|of\s+(?:them|these|those|the\s+\w+))(?:\s+of\s+(?:them|these|those))?"
    r"\s+(?:is|are|was|were|has|have|stars?|features?)|"
    r"which\s+(?:is|are|'s)\s+(?:the\s+)?" + _SUPERLATIVE + r"|"
    # "which are for children", "any of these from the 90s?"
    r"which\s+(?:is|are)\s+(?=for|from|in|under|over|with|by|set|about|made)|"
    r"any\s+of\s+(?:them|these|those)\s+(?!(?:is|are)\b))\b", re.I)
# the price asked with no item named: "how much", "price?", "what's the price"
BARE_PRICE = re.compile(r"\W*(?:(?:and|so|ok|okay)\W+)?(?:how much|price|the price|"
                        r"what'?s the price|how much does it cost|cost)\W*", re.I)
# a comparison of places in the list: "which is cheaper, the first or the second?"
COMPARED = re.compile(r"\b(?:which|what)(?:'s|\s+is|\s+one\s+is|\s+one'?s)?\s+"
                      r"(?P<word>cheaper|less expensive|more expensive|dearer|pricier|newer|older|"
                      r"more recent)\b", re.I)
# a request beside a question over the list: "which are from the 90s, show me more of those"
ASKS_TOO = re.compile(r"\b(?:show|give|find|get)\s+(?:me|us)\b|\b(?:recommend|suggest)\b|"
                      r"\bi(?:'d| would)?\s+(?:like|want|prefer)\b", re.I)
# "anything similar?", "what else goes with it?" right after a question about one item
SIMILAR_ALONE = re.compile(r"\b(?:anything|something|more|others?)\s+similar\b(?!\s+to\b)|"
                           # "what is Jaws about?", then "more like that" (probe 2026-12-08:
                           # popular picks)
                           r"\b(?:anything|something|more|others?|ones?|films?|movies?)\s+"
                           r"(?:just\s+)?like\s+(?:that|it|this)(?:\s+one)?\b|"
                           r"\bwhat else goes with (?:it|that)\b|\bgoes with it\b", re.I)
# a message that moves to another thing to shop for rather than narrowing the one before
SWITCHES = re.compile(r"\b(?:instead|now|rather|actually|how about|what about|switch|back to|"
                      r"another|different|something else|forget)\b", re.I)
# a place among the films the person named: "the first one i mentioned", "the last i said"
_ORDINAL = "|".join(ORDINALS)  # first .. fifth, last
OWN_PLACE = re.compile(rf"\bthe\s+({_ORDINAL})(?:\s+(?:one|film|movie))?"
                       r"\s+(?:that\s+)?i\s+(?:mentioned|said|named|listed|told you(?:\s+about)?|"
                       r"brought up|wrote)\b", re.I)
SEQUEL_POPULARITY = 0.1  # of the best-known later film: a later film this little known is none
# a place of the list and nothing more: "and the third", "the fourth one too"
PLACE_ALONE = re.compile(rf"\W*(?:(?:and|also|plus|oh and|&)\s+)?(?:the\s+)?(?:{_ORDINAL}|"
                         r"[1-5](?:st|nd|rd|th))(?:\s+one)?(?:\s+(?:too|as well|also))?\W*",
                         re.I)
# a later film of the one spoken of: "what about part 2?", "loved the sequel too"
SEQUEL_WORDS = re.compile(r"\b(?:the\s+)?(?:part\s+(?P<n>[2-6]|ii|iii|iv|v|vi|two|three|four|five|"
                          r"six)|(?P<sequel>sequel))\b", re.I)
IT_WORDS = re.compile(r"\b(?:it|them|that one|this one|those)\b", re.I)  # asked back instead
# asked-for constraints, dropped together: "from 1990 to 1999" is one
FILTER_GROUPS = (("genres", "genres_all"), ("audience",), ("cast",), ("directors",), ("topics",),
                 ("year_min", "year_max"), ("price_min", "price_max"), ("subject",))
POSITIVE_FILTERS = tuple(f for group in FILTER_GROUPS for f in group)


def without_words_set_aside(subject: tuple[str, ...], set_aside: tuple[str, ...]
                            ) -> tuple[str, ...]:
    """What is shopped for without the words set aside since ("christmas candles", then "not
    christmas": candles), singular or plural. A phrase set aside takes out only a subject
    holding all of it ("mugs please, no retrospot mugs" still shops for mugs)."""
    def stems(phrase: str) -> set[str]:
        return {w.lower().rstrip("s") for w in phrase.split()}

    out = {w for phrase in set_aside if " " not in phrase.strip() for w in stems(phrase)}
    phrases = [stems(p) for p in set_aside if " " in p.strip()]
    kept = (" ".join(w for w in phrase.split() if w.lower().rstrip("s") not in out)
            for phrase in subject if not any(p <= stems(phrase) for p in phrases))
    return tuple(dict.fromkeys(p for p in kept if p))


def bounds(old_low: float | None, old_high: float | None, low: float | None,
           high: float | None) -> tuple[float | None, float | None]:
    """A range as the latest message leaves it: each bound it states replaces the old one,
    the others carry, and an old bound the new one contradicts goes ("from the 80s", then
    "the 90s or later": 1990 on, not 1990 to 1989)."""
    low_, high_ = (low if low is not None else old_low), (high if high is not None else old_high)
    if low is not None and high is None and high_ is not None and high_ < low:
        high_ = None
    if high is not None and low is None and low_ is not None and low_ > high:
        low_ = None
    return low_, high_


def with_constraints(parsed: ParsedIntent, **changes: list[str]) -> ParsedIntent:
    """`parsed` with some constraint lists changed; its filters derive from its constraints,
    as the parser makes them (`filters_from`), so the turn reports what it applies."""
    constraints = parsed.intent.constraints.model_copy(update=changes)
    return replace(parsed, intent=parsed.intent.model_copy(update={"constraints": constraints}),
                   filters=filters_from(constraints))


def grown_up(parsed: ParsedIntent, asked: tuple[str, ...]) -> ParsedIntent:
    """"animated", then "for adults": the children's genres set aside for grown-ups stay
    asked for where the session asks them ("Animated" had gone)."""
    keep = [g for g in parsed.soft_exclude_genres if g in asked]
    if not keep:
        return parsed
    return with_constraints(parsed, exclude_genres=[
        g for g in parsed.intent.constraints.exclude_genres if g not in keep])


def toned_down(parsed: ParsedIntent, asked: tuple[str, ...]) -> ParsedIntent:
    """A genre the session asks for and this message sets aside only by degree ("romantic
    comedies" then "not too cheesy") stays asked for; the word becomes a mood set aside, which
    the reply says it cannot filter on."""
    return as_moods(parsed, [g for g in parsed.filters.exclude_genres if g in asked and
                             g in parsed.mild_exclude_genres and g not in parsed.filters.genres])


def as_moods(parsed: ParsedIntent, keep: list[str]) -> ParsedIntent:
    """The genres `keep`, set aside only by degree, no longer set aside: their words become
    moods set aside, which the reply says it cannot filter on."""
    if not keep:
        return parsed
    words = [parsed.mild_exclude_genres[g] for g in keep]
    parsed = with_constraints(parsed, exclude_genres=[
        g for g in parsed.intent.constraints.exclude_genres if g not in keep])
    return replace(parsed, exclude_moods=list(dict.fromkeys(parsed.exclude_moods + words)),
                   mild_exclude_genres={g: w for g, w in parsed.mild_exclude_genres.items()
                                        if g not in keep})


def of_series(old: tuple[str, ...], new: tuple[str, ...]) -> tuple[str, ...]:
    """A kind of film asked for alone after a series narrows the series to it: "all the star
    wars movies", then "only the prequels" is "Star Wars series prequels" (not every prequel);
    () otherwise."""
    series = [t for t in old if (m := SERIES_TOPIC.fullmatch(t)) and not m["kind"]]
    if not new or not series or any(t not in ("prequels", "sequels") for t in new):
        return ()
    return (f"{series[0]} {new[0]}",)


def with_people_resolved(parsed: ParsedIntent, asked: HardFilters, catalog: Catalog,
                         answered: dict[str, tuple[str, ...]] | None = None) -> ParsedIntent:
    """"Anything not directed by him?": a pronoun stands for the one person this message names,
    else the one person the conversation asks for, else the one person of its role the last
    reply named (`answered`: "Interstellar was directed by Christopher Nolan", then "more by
    him"); with none or several it is left unresolved (and the reply says so)."""
    if not parsed.people_pronouns:
        return parsed
    named = list(dict.fromkeys(parsed.filters.cast + parsed.filters.directors))
    earlier = list(dict.fromkeys(asked.cast + asked.directors))
    roles = {role for _, role, _ in parsed.people_pronouns}
    replied = list(dict.fromkeys(n for role in roles for n in (answered or {}).get(role, ())))
    pool = named or earlier or replied
    if len(pool) != 1:
        return replace(parsed, people_pronouns=[], unresolved=list(dict.fromkeys(
            parsed.unresolved + [pronoun for pronoun, _, _ in parsed.people_pronouns])))
    lists = {f: list(getattr(parsed.intent.constraints, f))
             for f in ("cast", "exclude_cast", "directors", "exclude_directors")}
    for _, role, set_aside in parsed.people_pronouns:
        if role == "person":  # "I no longer like him": in the role they were named in
            role = "directors" if pool[0] in parsed.filters.directors + asked.directors or (
                pool[0] in replied and pool[0] not in parsed.filters.cast + asked.cast) and \
                catalog.director_name(pool[0]) else "cast"
        spelled = catalog.director_name if role == "directors" else catalog.cast_name
        name = spelled(pool[0]) or pool[0]
        key = f"exclude_{role}" if set_aside else role
        lists[key] = list(dict.fromkeys([*lists[key], name]))
        if set_aside:
            lists[role] = [n for n in lists[role] if n != name]
    return replace(with_constraints(parsed, **lists), people_pronouns=[])


def still_set_aside(before: tuple[str, ...], asked: tuple[str, ...],
                    set_aside: tuple[str, ...]) -> tuple[str, ...]:
    """Earlier set-asides less what is asked for now, then this message's set-asides."""
    return tuple(dict.fromkeys([v for v in before if v not in asked] + list(set_aside)))


def carried_filters(before: HardFilters, after: HardFilters) -> HardFilters | None:
    """The asked-for constraints `after` kept unchanged from `before` while this message
    changed others (None if it changed none or none were kept). Set-asides are never dropped."""
    changed = [f for f in HardFilters.model_fields if getattr(after, f) != getattr(before, f)]
    carried = {f: getattr(after, f) for f in POSITIVE_FILTERS
               if f not in changed and getattr(after, f) not in (None, (), False)}
    return HardFilters(**carried) if changed and carried else None


# a film of a series asked by its place in time: "the newest star wars movie", "the first
# rocky film", "the latest fast and furious"
SERIES_END = re.compile(r"\b(?:(?:the|its|their)\s+)?(?:(?P<first>first|earliest|oldest|original)|"
                        r"newest|latest|most recent|last|new)\s+(?:one\s+(?:of\s+)?)?(?:the\s+)?"
                        r"(?=[\w' &:-]+?\s+(?:movie|film|one|installment|instalment|part)s?\b"
                        r"|[\w' &:-]+\?|[\w' &:-]+$)", re.I)
# a pick changed right after it was made: "no wait, the first one", "sorry i meant the 4th",
# "change that to the 2nd one", "actually the silver one instead"
PICK_CHANGED = re.compile(
    r"^\W*(?:(?:no|nope|sorry|oops|wait|actually|oh|hmm|err|um|my bad)\W+)*"
    r"(?:i meant|i mean|meant|make (?:it|that)|change (?:it|that|my pick) to|switch (?:it|that) "
    r"to|can i (?:have|get|change to))?\s*(?:the\s+)?(?:[\w-]+\s+){0,2}?"
    r"(?:one|[1-5](?:st|nd|rd|th)|first|second|third|fourth|fifth|last)"
    r"(?:\s+(?:one|instead|please|then))*\W*$", re.I)
CORRECTING = re.compile(r"\b(?:no wait|wait|sorry|oops|actually|i meant|i mean|meant|instead|"
                        r"change (?:it|that|my pick)|switch (?:it|that)|make (?:it|that)|"
                        r"my bad)\b", re.I)


def year_spans(years: list[str]) -> list[str]:
    """Years set aside as said: ["2000", "2001", "2002", "2016", "2017"] -> ["2000 to 2002",
    "2016", "2017"]."""
    spans: list[list[int]] = []
    for year in sorted({int(y) for y in years}):
        if spans and year == spans[-1][1] + 1:
            spans[-1][1] = year
        else:
            spans.append([year, year])
    return [said for a, b in spans
            for said in ([f"{a} to {b}"] if b > a + 1 else [str(y) for y in range(a, b + 1)])]


def said_list(words: list[str] | tuple[str, ...], joiner: str = "or") -> str:
    """Words as a reply lists them: "a", "a or b", "a, b or c"."""
    return f"{', '.join(words[:-1])} {joiner} {words[-1]}" if len(words) > 1 else \
        "".join(words)


class Assistant:
    def __init__(self, catalog: Catalog, parser: IntentParser, retriever: Retriever,
                 ranker: Ranker | None, explainer: Explainer, recommendations: int = 5,
                 llm_backend: str = "off", today: Callable[[], date] = date.today):
        self.catalog = catalog
        self.today = today  # "I'm 25": a birth year counted back from the date
        self.parser = parser
        self.retriever = retriever
        self.ranker = ranker
        self.explainer = explainer
        self.recommendations = recommendations
        self.llm_backend = llm_backend

    @property
    def rules_parser(self) -> IntentParser:
        """The parser without its LLM (same linker, same trained sentiment model): phase 1,
        context messages, and the fallback when the LLM path breaks."""
        return self.parser.without_llm()

    # -- session state --------------------------------------------------------------------

    def _parse(self, messages: list[Message], fallbacks: list[str]) -> ParsedIntent:
        """Rules and LLM call #1; a parser that breaks leaves the rules' reading."""
        try:
            # one attempt: a retry would spend the call the explanations need
            return self.parser.parse(messages, attempts=1)
        except Exception as exc:  # the parser must never take a turn down: rules only
            fallbacks.append(f"intent:{type(exc).__name__}")
            parsed = self.rules_parser.parse(messages)
            parsed.llm_calls = 1  # the failed parse may have spent its call
            return parsed

    def newest_year(self) -> int:
        return int(self.catalog.years.max())

    def life_span(self, session: Session, parsed: ParsedIntent
                  ) -> tuple[str, int | None, bool] | None:
        """(kind, birth year or None, whether the year was counted from an age) of a time of
        the person's life the message asks films from ("from before I was born",
        `lifetime.SPANS`), or that the message before asked and this one answers with an age
        ("I'm 25"); None where none is asked. The latest message that says either gives it."""
        users = user_texts(session)
        kind = next((r.split(":")[1] for r in parsed.relative if r.startswith("life:")), None)
        if kind is None and "born" in parsed.relative and len(users) > 1:
            kind = life_said(users[-2])
        if kind is None:
            return None
        said = next(((year, text) for text in reversed(users)
                     if (year := birth_said(text, self.today().year)) is not None), None)
        if said is None:
            return kind, None, False
        return kind, said[0], BORN_YEAR.search(said[1]) is None

    def _relative(self, session: Session, parsed: ParsedIntent) -> dict:
        """Constraints relative to what was shown: "older", "newer", "cheaper", "pricier";
        relative to the item the message names or points at where it does ("I liked the
        regency cakestand, something similar but cheaper", "the first one but cheaper")."""
        named = list(dict.fromkeys([*parsed.said_now,
                                    *(i for i, _ in self.pointed_at(session, parsed))]))
        reference = named or session.last_shown_ids or session.liked_ids
        changes: dict = {}
        years = [int(self.catalog.years[i]) for i in reference if self.catalog.years[i] >= 0]
        prices = [float(self.catalog.prices[i]) for i in reference
                  if np.isfinite(self.catalog.prices[i])]
        # older / newer than most of them: the edge of a list from 1975 to 2017 had asked for
        # 2018 only ("i liked jaws", then "something newer")
        middle = int(np.median(years)) if years else None
        if "older" in parsed.relative or "classic" in parsed.relative:
            # "classic movies" with nothing shown: the old ones; "classics": older than all
            changes["year_max"] = (min(years) if "classic" in parsed.relative else middle) - 1 \
                if years else self.newest_year() - CLASSIC_YEARS
            changes["year_min"] = None
        if "old" in parsed.relative:  # "old ones": old films, whatever the list shown
            changes["year_max"] = self.newest_year() - CLASSIC_YEARS
            changes["year_min"] = None
        if "newer" in parsed.relative or "newer_all" in parsed.relative:
            # "all too old": newer than every one
            changes["year_min"] = (max(years) if "newer_all" in parsed.relative else middle) \
                + 1 if years else self.newest_year() - RECENT_YEARS
            changes["year_max"] = None
        if "recent" in parsed.relative:  # "something recent", "the latest": of late
            changes["year_min"] = self.newest_year() - RECENT_YEARS
            changes["year_max"] = None
        if "not_old" in parsed.relative:  # "not too old": said back, so it can be corrected
            changes["year_min"] = self.newest_year() - NOT_OLD_YEARS
            changes["year_max"] = None
        if "newest" in parsed.relative:  # the catalogue's last two years
            changes["year_min"] = self.newest_year() - 1
            changes["year_max"] = None
        if (life := self.life_span(session, parsed)) and life[1] is not None:
            changes["year_min"], changes["year_max"] = life_years(life[0], life[1])
        if "cheaper" in parsed.relative and prices:
            changes["price_max"] = round(float(np.median(prices)) * 0.8, 2)
            changes["price_min"] = None
        elif "cheaper" in parsed.relative and np.isfinite(self.catalog.prices).any():
            # "cheap candles" with nothing shown: said back ("at most £1.25"), so corrected
            changes["price_max"] = round(float(np.nanquantile(self.catalog.prices,
                                                              CHEAP_QUANTILE)), 2)
            changes["price_min"] = None
        if "affordable" in parsed.relative and np.isfinite(self.catalog.prices).any():
            # "not too expensive": at most the catalogue's median, said back (whatever the list
            # shown cost: below its own median had left two Christmas decorations)
            changes["price_max"] = round(float(np.nanmedian(self.catalog.prices)), 2)
            changes["price_min"] = None
        if "pricier" in parsed.relative and prices:  # "something more expensive"
            changes["price_min"] = round(float(np.median(prices)) * 1.25, 2)
            changes["price_max"] = None
        elif "pricier" in parsed.relative and np.isfinite(self.catalog.prices).any():
            # "a luxury gift" with nothing shown: the dearest quarter, said back
            changes["price_min"] = round(float(np.nanquantile(self.catalog.prices,
                                                              1 - CHEAP_QUANTILE)), 2)
            changes["price_max"] = None
        if "new_to_me" in parsed.relative and session.purchases:
            changes["new_only"] = True
        if "different" in parsed.relative and (kinds := [
                g for g in session.filters.genres if g not in session.filters.audience]):
            # "comedy", then "something completely different": no comedy (a child's films
            # stay the child's)
            changes["exclude_genres"] = tuple(dict.fromkeys(
                session.filters.exclude_genres + tuple(kinds)))
        if "allow_older" in parsed.relative:  # "I don't mind older ones"
            changes["year_min"] = None
        if "allow_newer" in parsed.relative:
            changes["year_max"] = None
        for widen in (r for r in parsed.relative if r.startswith("widen:")):
            year, low, high = int(widen.split(":")[1]), session.filters.year_min, \
                session.filters.year_max
            if low is not None and year < low:  # "after 2010", then "widen it to 2000"
                changes["year_min"] = year
            else:
                changes["year_max"] = max(year, high) if high is not None else year
        return changes

    def list_size(self, session: Session) -> int:
        """How many a list holds: what the person asked for, else the configured number."""
        return session.list_size or self.recommendations

    def update_session(self, session: Session, parsed: ParsedIntent) -> None:
        users = user_texts(session)
        if sizes := [int(r.split(":")[1]) for r in parsed.relative if r.startswith("show:")]:
            session.list_size = sizes[-1]  # "just give me 2": from now on
        if parsed.new_recipient and not (users and SIMILAR.search(users[-1])):
            # the last person's picks stay picks, no longer the basis ("now for my brother,
            # something similar" keeps it)
            session.earlier_picks = list(dict.fromkeys([*session.earlier_picks,
                                                        *session.liked_ids]))
        # liked again by name now ("now for my brother, he loves Up too"); earlier messages'
        # titles, read again, are no new like
        session.earlier_picks = [i for i in session.earlier_picks if i not in parsed.liked_ids
                                 or i not in parsed.said_now and self.catalog.name == "movies"]
        held: tuple[int, ...] = ()  # both films of that swap, kept set aside later
        if parsed.forget_ids and users and not parsed.corrected and (swap := read_message(
                users[-1], self.catalog, self.parser.linker).swapped) is not None and \
                swap[0] not in {*session.liked_ids, *session.wanted_ids} and (
                    swap[0] not in self.named_before(session) or
                    swap[0] in {*session.disliked_ids, *session.seen_ids}):
            # "not prometheus, alien covenant" of two films shown, "i hated titanic", then
            # "not titanic, avatar": no film liked is swapped, both are set aside
            parsed.forget_ids = [i for i in parsed.forget_ids if i not in swap]
            parsed.liked_ids = [i for i in parsed.liked_ids if i not in swap]
            parsed.disliked_ids = list(dict.fromkeys([*parsed.disliked_ids, *swap]))
            parsed.set_aside_ids = list(dict.fromkeys([*parsed.set_aside_ids, *swap]))
            held = swap
        if session.removed_ids:  # taken out by the person: earlier messages read again
            # bring none of it back, naming it now does
            session.removed_ids = [i for i in session.removed_ids if i not in parsed.said_now]
            gone = set(session.removed_ids)
            for name in ("liked_ids", "disliked_ids", "seen_ids", "wanted_ids"):
                setattr(parsed, name, [i for i in getattr(parsed, name) if i not in gone])
        if parsed.takes_back and not parsed.corrected and (
                taken := list(dict.fromkeys([*session.picked_ids, *session.pointed_ids]))):
            # "what's Inception about?", "I loved it", "never mind": what the message before
            # said of the film it pointed at (or picked: "the second one") is taken back
            parsed.corrected = taken
            parsed.forget_ids = list(dict.fromkeys([*parsed.forget_ids, *taken]))
            parsed.liked_ids, parsed.wanted_ids, parsed.disliked_ids, parsed.seen_ids = (
                [i for i in ids if i not in taken]
                for ids in (parsed.liked_ids, parsed.wanted_ids, parsed.disliked_ids,
                            parsed.seen_ids))
        session.pointed_verdicts = {i: cue for i, cue in session.pointed_verdicts.items()
                                    if i not in parsed.said_now and i not in parsed.corrected}
        for name in ("liked_ids", "disliked_ids", "seen_ids", "wanted_ids", "forget_ids"):
            setattr(parsed, name, [i for i in getattr(parsed, name)
                                   if i not in session.pointed_verdicts])
        # read again later, the swap would like its second film
        session.pointed_verdicts |= dict.fromkeys(held, "negative")
        liked, disliked = list(session.liked_ids), list(session.disliked_ids)
        for item in parsed.liked_ids:
            if item in parsed.like_anchor_ids and item in session.wanted_ids:
                continue  # "I want to see Moana", then "something like Moana": still unseen
            if item in disliked:
                disliked.remove(item)
            if item not in liked:
                liked.append(item)
        # "not troy actually, that was bad": the like taken back
        retracted = bool(users and TAKEN_BACK.search(users[-1])) or \
            parsed.pronoun_cue == "negative"
        for item in parsed.disliked_ids:
            if item in liked and item in parsed.set_aside_ids and \
                    item not in parsed.liked_ids and not retracted:
                continue  # "anything by him but not Fight Club": still liked, never shown
            if item in liked:
                liked.remove(item)
            if item not in disliked:
                disliked.append(item)
        seen = list(dict.fromkeys(session.seen_ids + parsed.seen_ids))
        if parsed.forget_ids:  # "forget Inception": no like, dislike or seen of it any more,
            liked, disliked, seen = ([i for i in ids if i not in parsed.forget_ids]
                                     for ids in (liked, disliked, seen))
            # and not offered back at once (its words are still in the text query)
            session.shown_ids = list(dict.fromkeys([*session.shown_ids,
                                                    *self.namesakes(parsed.forget_ids)]))
        # "I've seen it" of the list's first item, unless "it" is the film just described or
        # named ("haven't seen Moana, will check it out", then "just watched it")
        if "seen_last" in parsed.relative and session.last_shown_ids and \
                session.asked_id is None and not self.pointed_at(session, parsed) and \
                parsed.pronoun_cue not in VERDICT_CUES:
            seen.append(session.last_shown_ids[0])
        liked, disliked, seen, wanted = self._anchored_opinions(
            session, parsed, liked, disliked, seen, session.wanted_ids + parsed.wanted_ids)
        if parsed.intent.kind != "ask":
            pointed = self.pointed_at(session, parsed)
            session.pointed_verdicts |= {item: cue for item, cue in pointed
                                         if cue in ("positive", "negative", "unseen", "forget")}
            parsed.pointed_forget = [item for item, cue in pointed if cue == "forget"]
        pointed = [(item, cue) for item, cue in self.pointed_at(session, parsed)
                   if parsed.intent.kind != "ask" or cue == "wanted"]
        session.picked_ids = [item for item, cue in pointed if cue in ("positive", "wanted")]
        session.pointed_ids = [item for item, cue in pointed if cue in (*VERDICT_CUES, "seen")]
        if parsed.anchor_likeness:  # said back as "like X" (`reply`), as named titles are
            parsed.like_anchor_ids = [*parsed.like_anchor_ids,
                                      *(a for a, _ in self.pointed_at(session, parsed))]
        # wanted now, by name, lifts an earlier set-aside ("I won't watch Moana", then "ok
        # fine, I'll check out Moana"); wanted until seen, liked, disliked or taken back
        disliked = [i for i in disliked
                    if i not in parsed.wanted_ids or i not in parsed.said_now]
        wanted = [i for i in dict.fromkeys(wanted) if i not in liked and i not in disliked
                  and i not in seen and i not in parsed.forget_ids]
        if "new_to_me" in parsed.relative and not session.purchases and \
                "subject" not in parsed.release.fields:
            # "something different" with no past orders: other kinds than the one asked for
            # (said back as dropped), never "none you have ordered before"
            parsed.release = replace(parsed.release,
                                     fields=(*parsed.release.fields, "subject"))
        old = apply_release(session.filters, parsed.release)  # "forget Tom Hanks"
        new = parsed.filters
        dropped = taken_back(session.filters, old)
        gone = named_words(dropped) + genre_words(dropped.genres + dropped.audience) + [
            w.lower() for v in parsed.release.values for w in v.split() if len(w) > 2]
        if parsed.takes_back and users:  # "jk" describes nothing ("Letter "j" bling key ring")
            gone += re.findall(r"[a-z]+", users[-1].lower())
        if users and self.asks_of_the_shop(parsed):
            # "do you deliver to france?" asks of the shop: its words had found French
            # storage jars ("can I pay with paypal?" a gift voucher)
            gone += re.findall(r"[a-z]+", users[-1].lower())
        asked = named_words(new)  # asked for again: said again
        session.unsaid = [w for w in dict.fromkeys(session.unsaid + gone) if w not in asked]
        # a person asked for replaces the one before, in either role
        people = new if new.cast or new.directors else old
        price_min, price_max = bounds(old.price_min, old.price_max, new.price_min, new.price_max)
        year_min, year_max = bounds(old.year_min, old.year_max, new.year_min, new.year_max)
        fields = {
            "price_min": price_min, "price_max": price_max,
            "year_min": year_min, "year_max": year_max,
            "genres": new.genres or old.genres,
            "genres_all": new.genres_all if new.genres else old.genres_all,
            # set-asides add up, but what this message asks for is no longer set aside ("no
            # horror", later "a horror movie please")
            "exclude_genres": still_set_aside(old.exclude_genres, new.genres, new.exclude_genres),
            # for children until taken back: "for my 8 year old", then "something scary"
            "audience": new.audience or old.audience,
            "cast": people.cast,
            "exclude_cast": still_set_aside(old.exclude_cast, new.cast, new.exclude_cast),
            "directors": people.directors,
            "exclude_directors": still_set_aside(old.exclude_directors, new.directors,
                                                 new.exclude_directors),
            # a thing named now that holds a word asked before answers it: "a dad who likes
            # tea", then "a teapot" (tea as a word had left one of five teapots)
            "topics": of_series(old.topics, new.topics) or new.topics or tuple(
                t for t in old.topics if not any(w.startswith(t.lower()) and w != t.lower()
                                                 for s in new.subject for w in s.lower().split())),
            # "too many mugs", then "ok a mug it is then": the thing shopped for again is no
            # longer set aside
            "exclude_topics": still_set_aside(
                old.exclude_topics, new.topics + tuple(form for phrase in new.subject
                                                       for form in word_forms(phrase)),
                new.exclude_topics),
            "new_only": old.new_only or new.new_only,
            "subject": self.refined_subject(old.subject, new.subject,
                                            users[-1] if users else ""),
        }
        if parsed.genre_join and new.genres and old.genres:  # "or a musical", "and funny"
            fields["genres"] = tuple(dict.fromkeys(old.genres + new.genres))
            fields["genres_all"] = parsed.genre_join == "and"
        fields |= self._relative(session, parsed)
        fields["genres"] = tuple(g for g in fields["genres"] if g not in fields["exclude_genres"])
        fields["audience"] = tuple(g for g in fields["audience"]
                                   if g not in fields["exclude_genres"])
        fields["genres_all"] = fields["genres_all"] and len(fields["genres"]) > 1
        fields["cast"] = tuple(n for n in fields["cast"] if n not in fields["exclude_cast"])
        fields["topics"] = tuple(t for t in fields["topics"] if t not in fields["exclude_topics"])
        fields["directors"] = tuple(n for n in fields["directors"]
                                    if n not in fields["exclude_directors"])
        fields["subject"] = without_words_set_aside(
            fields["subject"], fields["exclude_genres"] + fields["exclude_topics"])
        session.liked_ids, session.disliked_ids = liked, disliked
        # someone else's like stays theirs until the person names the film again with no one
        # else's liking ("my sister loved Up", then "I loved Up too")
        # ("I loved it too" of the film just named is the person's own like as well)
        own = set(parsed.said_now) | {item for item, cue in self.pointed_at(session, parsed)
                                      if cue == "positive"}
        others = {i: who for i, who in session.others_liked.items() if i not in own}
        session.others_liked = {i: who for i, who in (others | parsed.others_liked).items()
                                if i in liked}
        session.seen_ids = list(dict.fromkeys(seen))
        session.wanted_ids = wanted
        session.filters = HardFilters(**fields)
        if parsed.intent.preference:
            session.preference = parsed.intent.preference
        session.not_found = list(dict.fromkeys(session.not_found + parsed.not_found))[-10:]
        session.moods = parsed.moods + [f"not {m}" for m in parsed.exclude_moods]

    def apply_feedback(self, session: Session, item_id: int, signal: str) -> None:
        if signal not in FEEDBACK_SIGNALS:
            raise ValueError(f"signal must be one of {', '.join(FEEDBACK_SIGNALS)}")
        if not self.catalog.has(item_id):
            raise KeyError(f"unknown item id {item_id}")
        # liked, disliked, bought or opened (seen): no longer only wanted
        session.wanted_ids = [i for i in session.wanted_ids if i != item_id]
        if signal in ("like", "purchase"):
            session.others_liked.pop(item_id, None)
            session.disliked_ids = [i for i in session.disliked_ids if i != item_id]
            if item_id not in session.liked_ids:
                session.liked_ids.append(item_id)
        elif signal == "dislike":
            session.liked_ids = [i for i in session.liked_ids if i != item_id]
            if item_id not in session.disliked_ids:
                session.disliked_ids.append(item_id)
        elif item_id not in session.seen_ids:  # a click: seen, keep it out of new lists
            session.seen_ids.append(item_id)

    def switch_version(self, session: Session, parsed: ParsedIntent) -> str:
        """"No, I meant the 1995 one": the film the person last named becomes the namesake
        of that version wherever it stands (liked, disliked, seen). Returns what was done."""
        if parsed.version is None:
            return ""
        noun = self.noun().removesuffix("s")
        named = [*self.named_before(session),
                 *(i for name in ITEM_READINGS for i in reversed(getattr(session, name)))]
        target = next((i for i in named if len(self.namesakes([i])) > 1), None)
        if target is None:
            return f"I could not tell which {noun} you meant another version of: please name it."
        others = [i for i in self.namesakes([target]) if i != target]
        years = {i: int(self.catalog.years[i]) for i in others}
        kind, year = parsed.version
        held = int(self.catalog.years[target])
        if kind == "year":  # ReDial's years are off by one now and then ("Heat (1996)")
            chosen = sorted((abs(y - year), i) for i, y in years.items() if abs(y - year) <= 1)
            pick = chosen[0][1] if chosen and (chosen[0][0] == 0 or abs(held - year) > 1) \
                else None
        elif kind in ("oldest", "newest"):  # the best-known of the older (newer) ones
            dated = [i for i in others if years[i] > 0 and (
                years[i] < held if kind == "oldest" else years[i] > held)]
            pick = max(dated, key=lambda i: self.catalog.popularity[i], default=None)
        else:
            animated = [i for i in others if ("Animated" in self.catalog.genres[i])
                        == (kind == "animated")]
            pick = max(animated, key=lambda i: self.catalog.popularity[i], default=None)
        title = self.catalog.display_title(target)
        if pick is not None and self.catalog.display_title(pick) == title:
            pick = None  # ReDial lists some films twice: "the 1993 one" is the one held
        if pick is None and kind == "year" and abs(held - year) <= 1 or kind in (
                "animated", "live") and (
                "Animated" in self.catalog.genres[target]) == (kind == "animated"):
            return f"That is the one I had: {title}."
        if pick is None:
            what = str(year) if kind == "year" else {"oldest": "older", "newest": "newer",
                                                     "animated": "animated",
                                                     "live": "live-action"}[kind]
            return f"I have no {what} version of {title}, so I kept it."
        for name in ITEM_READINGS:
            setattr(session, name, [pick if i == target else i for i in getattr(session, name)])
        session.shown_ids = list(dict.fromkeys([*session.shown_ids, target]))  # not meant
        return f"I switched {title} to {self.catalog.display_title(pick)}."

    def start_over(self, session: Session) -> str:
        """Forget what the conversation said before this message ("start over"): likes,
        dislikes, seen items, constraints, moods. What was shown stays shown, and past orders
        given with the session stay (they are not something said). Returns the sentence that
        says so."""
        counts = [f"{len(getattr(session, name))} {word}" for name, word in (
            ("liked_ids", "liked"), ("wanted_ids", "wanted"), ("disliked_ids", "set aside"),
            ("seen_ids", "seen")) if getattr(session, name)]
        held = [", ".join(counts)] if counts else []
        if constraints := self.describe_filters(session.filters):
            held.append(constraints)
        for name in ITEM_READINGS:
            setattr(session, name, [])
        session.filters, session.moods, session.not_found = HardFilters(), [], []
        session.preference, session.asked_id, session.unsaid = "", None, []
        session.earlier_picks, session.together_ids, session.units = [], [], None
        session.started_at = len(session.messages) - 1  # this message is the new start
        return "Starting over: I forgot what you told me before" + (
            f" ({'; '.join(held)})." if held else ".")

    def remove_preference(self, session: Session, field: str, value: str | int) -> None:
        """Undo one entry of what the assistant understood (the UI's panel). An entry the
        session does not hold is a LookupError and changes nothing; names match in any case
        ("comedy" removes "Comedy")."""
        if field in ITEM_READINGS:
            item = int(value)
            if item not in getattr(session, field):
                raise LookupError(f"{field} holds no item {item}")
            setattr(session, field, [i for i in getattr(session, field) if i != item])
            session.removed_ids = list(dict.fromkeys([*session.removed_ids, item]))
        elif field in NAMED:
            held = getattr(session.filters, field)
            if not any(g.lower() == str(value).lower() for g in held):
                raise LookupError(f"{field} holds no {value!r}" + (
                    f" (it holds {', '.join(map(repr, held))})" if held else ""))
            # the audience is one constraint, films for children (Family or Animated): taking
            # out either widens it to every film, never to Animated alone
            kept = () if field == "audience" else tuple(
                g for g in held if g.lower() != str(value).lower())
            update = {field: kept}
            if field == "audience" and session.filters.genres == held:
                update["genres"] = ()  # "something for kids" asked those genres as the audience
            session.filters = session.filters.model_copy(update=update)
            gone = [w.lower() for g in held if g not in kept for w in g.split() if len(w) > 2]
            session.unsaid = list(dict.fromkeys(session.unsaid + gone))  # text query too
        elif field in ("price_min", "price_max", "year_min", "year_max", "new_only"):
            if getattr(session.filters, field) in (None, False):
                raise LookupError(f"no {field} is set")
            session.filters = session.filters.model_copy(
                update={field: False if field == "new_only" else None})
        else:
            raise ValueError(f"unknown preference field {field!r}")

    # -- the turn -------------------------------------------------------------------------

    def without_links(self, text: str, items: set[int]) -> str:
        """`text` with the spans the linker reads as any of `items` blanked out."""
        if not items:
            return text
        for link in self.parser.linker.read_titles(text).links:
            if link.item_id in items:
                text = text[: link.start] + " " * (link.end - link.start) + text[link.end :]
        return text

    def without_verdicts(self, text: str) -> str:
        """Films: `text` with each clause that only gives a verdict on a title it names
        blanked out (`rules.verdict_clauses`)."""
        if self.catalog.name != "movies":
            return text
        spans = [(link.start, link.end) for link in self.parser.linker.read_titles(text).links]
        for first, last in verdict_clauses(text, spans):
            text = text[:first] + " " * (last - first) + text[last:]
        return text

    def query_for(self, session: Session) -> Query:
        users = user_texts(session)[-QUERY_USER_MESSAGES:]
        liked = tuple(self.basis(session))
        # orders given with the session come first; an item's count is the orders it was in
        orders = Counter(i for basket in session.purchases for i in dict.fromkeys(basket))
        # what the person wants to see is context as the training dialogues' mentions are
        history = tuple(dict.fromkeys([i for basket in session.purchases for i in basket]
                                      + session.seen_ids + session.wanted_ids + list(liked)))
        bought = list(orders) if session.filters.new_only else []  # "something new"
        # words taken back, and words of things set aside ("no zombie movies" had brought
        # zombie films first by their likeness to the words)
        # "start over" per message: its own end tells it apart ("start over show me
        # something" had looked for "start" posts)
        # a title set aside goes as written too ("the deathly hallows" had looked for deathly
        # films: horror)
        set_aside = set(session.disliked_ids)
        said = without_words(without_titles(
            " ".join(START_OVER.sub(" ", self.without_links(self.without_verdicts(u),
                                                             set_aside)) for u in users),
            self.catalog, session.disliked_ids),
            [*session.unsaid, *session.filters.exclude_topics])
        # "a hidden gem", "what's popular right now?", "stocking fillers": the order or the
        # kind asked, no words
        for asked in (STOCKING, LESSER_KNOWN, POPULAR):
            said = asked.sub(" ", said)
        # titles said to be unknown are "left out": no search for their words ("I liked
        # Friends, the TV show" had shown Friends (1993))
        text = without_words(said, [re.sub(r"\s*\([^)]*\)\s*$", "", title)
                                    for title in session.not_found])
        if self.catalog.name == "movies":
            # "for a long flight" is no search for "Flight", "with my grandparents" none for
            # them, "in black and white" (said unknown) none for Black Panther
            text = without_occasions(without_unsupported(
                WATCHER.sub(lambda m: " " * len(m.group()), text), "movies"))
            # "my son gets scared easily", "I'm a wimp": read as horror set aside (or toned
            # down), no words to search ("scared" had brought scary films back by likeness)
            text = SCARED_EASILY.sub(lambda m: " " * len(m.group()), text)
        # the chat words left ("a movie for") had brought Moana and Finding Nemo; "I loved
        # Oppenheimer, something similar?" asks for films like one we do not know: no words
        if only_chat(SIMILAR.sub(" ", text)) or only_verdicts(text):
            text = ""
        if self.catalog.name == "retail":
            text = RECIPIENT.sub(lambda m: m.group() if m.group("who").lower().split()[-1]
                                 in ADDRESSED else " " * len(m.group()),
                                 shop_noise(without_prices(text), True))
        text = text[-2000:]
        if self.catalog.name == "retail" and only_chat(text):
            # "any suggestions?" names nothing a product's name could hold: the text source,
            # which alone reads a shop's words, had matched "suggestions" (a wrap, letters)
            text = ""
        return Query(
            # words taken out may leave only marks ("?"): no text then (the popularity prior)
            text=text if re.search(r"\w", text) else "",
            # every film named and not disliked is context, as every mention of the person's
            # is in the training dialogues; only the liked ones may be cited
            liked_ids=tuple(dict.fromkeys([*liked, *session.seen_ids, *session.wanted_ids])),
            cite_ids=tuple(i for i in liked if i not in session.others_liked),
            liked_by=tuple((i, who) for i, who in session.others_liked.items() if i in liked),
            disliked_ids=tuple(session.disliked_ids),
            history_ids=history,
            history_counts=tuple(orders.get(i, 1) for i in history) if orders else (),
            history_baskets=tuple(tuple(basket) for basket in session.purchases),
            exclude_ids=tuple(dict.fromkeys(session.shown_ids + session.seen_ids
                                            + session.liked_ids
                                            + session.wanted_ids
                                            + self.with_parts(session.disliked_ids,
                                                              session.filters) + bought
                                            + self.catalog.not_for_sale())),
            filters=session.filters,
            same_kind=any(SAME_KIND.search(u) for u in users),
            together_ids=tuple(session.together_ids),
            units=session.units or 1,
        )

    def together(self, session: Session, parsed: ParsedIntent, text: str,
                 pointed: list[int], before: HardFilters) -> list[int]:
        """The products the message asks what goes with: those it names, else those it
        points at ("the second one"), else what "it" is, else the products its words name
        ("the paper chain kit": every one so named, best sellers first); none where it asks
        nothing of the kind or names nothing it could mean (then it is read as any other
        request). A message that only narrows the list or asks for more ("cheaper ones",
        "more", "under £5"; "thanks!" before it) goes on asking it of the same products."""
        if self.catalog.name != "retail":
            return []
        if not BOUGHT_TOGETHER.search(text):
            f = session.filters
            narrows = not parsed.said_now and not pointed and not parsed.new_recipient and \
                (f.subject, f.topics, f.genres) == (before.subject, before.topics,
                                                    before.genres) and \
                not SAME_KIND.search(text)
            return session.together_ids if narrows else []
        named = [i for i in parsed.said_now if i not in session.disliked_ids]
        if named or pointed:
            return named or pointed
        it = self.it(session) if PRONOUN.search(text) else None
        if it is not None:
            return [it]
        phrase = self.together_phrase(text)
        if not phrase:
            return []
        ids = np.flatnonzero(self.catalog.phrase_mask(phrase))
        ids = ids[np.argsort(-self.catalog.popularity[ids], kind="stable")]
        return [int(i) for i in ids] if len(ids) <= MAX_TOGETHER else []

    def together_phrase(self, text: str) -> str:
        """The product words right after what asks what goes with them: "the paper chain
        kit" of "what goes with the paper chain kit for christmas?"; "" if none."""
        match = BOUGHT_TOGETHER.search(text)
        if match is None:
            return ""
        words = []
        for word in re.findall(r"[a-z]+", text[match.end():].lower()):
            if not words and word in DETERMINERS:
                continue
            if word in MINOR_WORDS or word in CHAT_WORDS or word in NOT_A_SUBJECT or \
                    not self.catalog.knows_word(word.removesuffix("s")) and \
                    not self.catalog.knows_word(word):
                break
            words.append(word)
        return " ".join(words)

    def refined_subject(self, old: tuple[str, ...], new: tuple[str, ...],
                        text: str) -> tuple[str, ...]:
        """What is shopped for after this message: the new thing, or the one before narrowed
        by it where the shop has both at once ("cake stand", then "3 tier": three-tier cake
        stands, not anything with tiers; "lunch bag", then "polka dot"). Never where the
        message switches ("mugs", then "plates"; "instead", "how about", "back to") or names
        the thing again ("a clock", then "alarm clock")."""
        if len(old) != 1 or len(new) != 1 or SWITCHES.search(text):
            return new or old
        stems = {w.rstrip("s") for w in old[0].lower().split()}
        if stems & {w.rstrip("s") for w in new[0].lower().split()}:
            return new
        both = f"{old[0]} {new[0]}"
        return (both,) if self.catalog.phrase_mask(both).any() else new

    @staticmethod
    def basis(session: Session) -> list[int]:
        """The liked items new suggestions start from: not those picked for someone the
        conversation shopped for before."""
        earlier = set(session.earlier_picks)
        return [i for i in session.liked_ids if i not in earlier]

    def namesakes(self, items: list[int]) -> list[int]:
        """`items` and every catalogue item of the same title: "Except Titanic" sets aside
        Titanic (2012) too, which the text source otherwise ranked first."""
        by_title = self.parser.linker.by_title  # normalised title -> its catalogue items
        found = [j for i in items if 0 <= i < len(self.catalog)
                 for j in by_title.get(normalize_title(self.catalog.titles[i]), ())]
        return list(dict.fromkeys([*items, *found]))

    def with_parts(self, items: list[int], filters: HardFilters) -> list[int]:
        """`namesakes`, and the films titled as parts of them ("I hated Kill Bill" sets aside
        Kill Bill: Volume 1 too, which was shown in the same reply that set Kill Bill aside),
        and their later films ("not star wars" had shown Return of the Jedi next), but for
        the films of a series `filters` ask for ("star wars movies, not the first one")."""
        parts = self.parser.linker.parts_of  # normalised title before a colon -> its items
        known = [i for i in items if 0 <= i < len(self.catalog)]
        found = [j for i in known for j in parts.get(normalize_title(self.catalog.titles[i]), ())]
        if self.catalog.name == "movies":
            found += [j for i in known for j in self.catalog.sequels_of(i)]
        asked = {i for topic in filters.topics for i in self.catalog.series_topic_films(topic)}
        return list(dict.fromkeys([*self.namesakes(items),
                                   *(j for j in found if j not in asked)]))

    def ranked_place(self, session: Session, parsed: ParsedIntent) -> ParsedIntent:
        """"which one is cheapest?", "i'll take the cheapest one", "which is the newest": the
        item of the list shown last with the lowest (highest) price or the latest (earliest)
        year, asked about or picked as "the third one" would be; it had capped the price at a
        quarter below the list's median, or shown a new list."""
        users = user_texts(session)
        said = RANKED_PLACE.search(users[-1]) if users else None
        if said is None or not session.last_shown_ids or parsed.anchor_position is not None \
                or parsed.said_now:
            return parsed
        by_year = said.group("new") is not None or said.group("old") is not None
        which = (said.group("which") or "").lower()
        if by_year and not which.startswith("which") and (which or not said.group(0).endswith(
                "one")):
            # "show me the latest", "what's the latest one": the newest films, not one of the
            # list ("which is the newest", "the newest one please" are)
            return parsed
        values = [float(self.catalog.years[i]) if by_year else float(self.catalog.prices[i])
                  for i in session.last_shown_ids]
        if not all(np.isfinite(values)) or by_year and min(values) < 0:
            return parsed  # a price or year not known for every item shown
        highest = said.group("dear") is not None or said.group("new") is not None
        place = int(np.argmax(values) if highest else np.argmin(values))
        relative = [r for r in parsed.relative if r not in ("cheaper", "pricier", "newer",
                                                            "recent", "newest", "older")]
        # "the cheapest one" alone names it (and its price); "I'll take the cheapest one" picks
        asked = said.group("which") is not None or users[-1].rstrip().endswith("?") or \
            not CHOSEN.search(users[-1])
        intent = parsed.intent.model_copy(update={"kind": "ask"}) if asked else parsed.intent
        return replace(parsed, anchor_position=place, anchor_count=1, relative=relative,
                       intent=intent, anchor_cue="unseen" if asked else parsed.anchor_cue)

    def continued(self, session: Session, parsed: ParsedIntent) -> ParsedIntent:
        """"seen the first", then "and the third": the place alone says what the message
        before said of its place (it had become a film wanted)."""
        users = user_texts(session)
        if parsed.anchor_position is None or len(users) < 2 or \
                not PLACE_ALONE.fullmatch(users[-1]):
            return parsed
        before = read_message(users[-2], self.catalog, self.parser.linker)
        if before.anchor_position is None or before.anchor_cue == parsed.anchor_cue or \
                before.kind == "ask" or before.anchor_cue not in ("seen", "negative", "positive") \
                or PLACE_ALONE.fullmatch(users[-2]):
            return parsed  # "what's the third one?", then "the third one": a pick as ever
        return replace(parsed, anchor_cue=before.anchor_cue)

    def or_set_aside(self, session: Session, parsed: ParsedIntent) -> ParsedIntent:
        """"i dont like comedies", then "or romance": "or" goes on with the message before,
        which set a kind of film (or a person) aside and asked for none; it had asked for
        romance."""
        users = user_texts(session)
        if len(users) < 2 or not OR_MORE.fullmatch(users[-1]) or OFFERED.search(users[-1]):
            return parsed
        before = read_message(users[-2], self.catalog, self.parser.linker)
        asked = parsed.intent.constraints
        changes: dict[str, list[str]] = {}
        for wanted, aside in (("genres", "exclude_genres"), ("cast", "exclude_cast"),
                              ("directors", "exclude_directors")):
            if getattr(asked, wanted) and getattr(before, aside) and not getattr(before, wanted):
                changes[aside] = list(dict.fromkeys(getattr(asked, aside) +
                                                    getattr(asked, wanted)))
                changes[wanted] = []
        return with_constraints(parsed, **changes) if changes else parsed

    def own_place_named(self, session: Session, text: str) -> str:
        """The message with "the first one I mentioned" written as that film: a place among
        the films the person named in the conversation, not in the list shown ("more like
        the first one i mentioned" had meant the first recommendation)."""
        said = OWN_PLACE.search(text)
        if said is None:
            return text
        users = user_texts(session)
        named = list(dict.fromkeys(i for u in users for i in read_message(
            u, self.catalog, self.parser.linker).mentioned_ids))
        place = ORDINALS[said.group(1).lower()]
        if not -len(named) <= place < len(named):
            return text
        return text[: said.start()] + self.catalog.titles[named[place]] + text[said.end():]

    def sequel_named(self, session: Session, text: str) -> str:
        """The message with "part 2", "the sequel" written as the film they mean when it names
        no film itself: the later films of the film the conversation is about (the one just
        described, else the latest liked, else the one the message before named), by year
        ("i loved the godfather", then "what about part 2?" asks about The Godfather Part
        II)."""
        said = SEQUEL_WORDS.search(text)
        if said is None or self.catalog.name != "movies" or \
                self.parser.linker.find_titles(text):
            return text
        users = user_texts(session)
        named = read_message(users[-1], self.catalog, self.parser.linker).mentioned_ids \
            if users else []
        base = session.asked_id if session.asked_id is not None else \
            session.liked_ids[-1] if session.liked_ids else named[-1] if named else None
        if base is None or not self.catalog.has(base):
            return text
        cat = self.catalog
        later = sorted(cat.sequels_of(base), key=lambda i: int(cat.years[i]))
        if later:  # never an obscure namesake ("Alien 2: On Earth" for the sequel to Alien)
            known = float(max(cat.popularity[i] for i in later))
            later = [i for i in later if float(cat.popularity[i]) >= SEQUEL_POPULARITY * known]
        n = (said.group("n") or "").lower()
        number = 2 if said.group("sequel") else int(ROMAN.get(n, n)) if n[:1] in "23456iv" \
            else WORD_SUMS[n]
        # the film numbered so ("Rocky III"), the one spoken of included ("part 2" of Jaws 2),
        # else the later films by year (a series record of no year is no first film)
        written = re.compile(rf"\b(?:{number}|{ARABIC[str(number)]})\b", re.I)
        numbered = [i for i in [base, *later] if written.search(cat.titles[i])]
        place = number - 1 if int(cat.years[base]) < 0 else number - 2
        by_year = said.group("sequel") or int(cat.years[base]) < 0  # never "part 3" of Rocky
        target = numbered[0] if numbered else later[place] if by_year and \
            0 <= place < len(later) else None  # as Creed (2015): the catalogue has no Rocky III
        if target is None:
            return text
        if not text[: said.start()].strip() and text[said.end():].strip() in ("?", "??"):
            # "the sequel?" alone asks about it (it had read "Toy Story 2?", a like)
            return f"what about {cat.titles[target]}?"
        return text[: said.start()] + cat.titles[target] + text[said.end():]

    def observe(self, session: Session, text: str) -> None:
        """Take in an earlier user message (context) without recommending. Rules only, so a
        turn with history still makes at most two LLM calls."""
        text = visible(text)
        session.messages.append(Message(role="user", text=text.strip()))
        if starts_over(text, self.parser.linker):
            self.start_over(session)
        self.update_session(session, self.rules_parser.parse(session.conversation()))

    def turn(self, session: Session, text: str) -> TurnResult:
        """Phase 1: the deterministic answer (rules and trained readings, retrieval, ranking,
        template reasons), with no LLM call, so it is back in milliseconds. `refinable` says
        that `refine` can improve it with the LLM."""
        stages = Stages({})
        fallbacks: list[str] = []
        own = visible(text)  # "Toy\u200bStory" as it shows
        text = emoji_words(own, self.catalog.name)  # "Titanic 🤮": hated, as words say it
        # read with "part 2", "the first one I mentioned" written as the films they mean; the
        # conversation keeps the person's own words (the API shows them back)
        read = self.own_place_named(session, self.sequel_named(session, text.strip()))
        if BARE_PRICE.fullmatch(read) and session.asked_id is not None:
            read = "how much is it?"  # "how much", of the item just picked or asked about
        session.messages.append(Message(role="user", text=read))
        restarted = self.start_over(session) if starts_over(text, self.parser.linker) else ""
        repicked = self.pick_changed(session, text)
        with stages.stage("intent"):
            parsed = self._read_rules(session, fallbacks)
            fallbacks += parsed.fallbacks  # e.g. a missing sentiment model: rules read alone
        session.messages[-1] = Message(role="user", text=own.strip())
        parsed = self.described(session, self.in_context(parsed, session.filters, session))
        parsed = self.ranked_place(session, self.continued(session, parsed))
        parsed = self.or_set_aside(session, parsed)
        parsed = self.verdict_on_unknown(session, parsed, text)
        if session.asked_id is not None and session.asked_id not in session.liked_ids and \
                parsed.pronoun_cue is None and not parsed.said_now and \
                SIMILAR_ALONE.search(text):  # (a pick liked is built on as a like already)
            # "do you have the spaceboy lunch box?", then "anything similar?": like that one
            parsed = replace(parsed, pronoun_cue="wanted", anchor_likeness=True)
        if (compared := self.compared(session, parsed, text)) is not None:
            return self._answer(session, TurnResult(  # the list and what was asked stay
                reply=compared, intent=parsed.intent, timings_ms=stages.timings,
                fallbacks=fallbacks))
        if missing := self.no_such_list(session, parsed):  # nothing to point at: said so
            return self._answer(session, TurnResult(
                reply=missing, intent=parsed.intent, timings_ms=stages.timings,
                fallbacks=fallbacks))
        lead: list[str] = []
        if (over_list := self.list_answer(session, parsed, text)) is not None:
            if over_list.narrowed is None:
                return self._answer(session, TurnResult(  # the list and what was asked stay
                    reply=over_list.text, intent=parsed.intent, timings_ms=stages.timings,
                    fallbacks=fallbacks))
            # none of the list fits: what fits both it and the question, as a narrowing
            lead = [over_list.text] if over_list.text else []
            kinds = set(session.filters.genres) - set(session.filters.audience)
            parsed = replace(parsed, filters=over_list.narrowed, relative=[], genre_join="and"
                             if over_list.narrowed.genres and kinds else None)
        before, (asked, *more) = session.filters, self.asked_items(session, parsed) or [None]
        unclear = self.unclear_it(session, parsed)
        it = self.it(session) if parsed.pronoun_cue is not None or parsed.quantity else None
        if it is None and parsed.quantity and len(session.liked_ids) == 1 and \
                session.liked_ids[0] in session.shown_ids:
            it = session.liked_ids[0]  # "the owl one", a question, then "i'll take 2": the pick
        pointed = self.anchored(session, parsed)
        if it is None and len(pointed) == 1 and (parsed.intent.kind == "chitchat" or (
                parsed.pronoun_cue is None and not asks_for_like(text))):
            # "I'll check out the first one" (no new list), then "I watched it, loved it";
            # "the red one please", then "how much is it?"
            it = pointed[0]
        held = {name: set(getattr(session, name)) for name in ITEM_READINGS}
        basis_before = self.basis(session)
        with stages.stage("session"):
            self.update_session(session, parsed)
            switched = self.switch_version(session, parsed)
        session.asked_id = asked if asked is not None else it  # what "it" means next
        units = self.keep_units(session, parsed, before)
        session.together_ids = self.together(session, parsed, text, pointed, before)
        if session.together_ids and BOUGHT_TOGETHER.search(text):
            # the words of those ("a cakestand" before, "the paper chain kit") are not what
            # goes with them; what else this message asks for stays ("what mugs go with ...")
            named = {form for w in self.together_phrase(text).split() for form in word_forms(w)}

            def new_words(now: tuple[str, ...], then: tuple[str, ...]) -> tuple[str, ...]:
                return tuple(v for v in now if v not in then and named.isdisjoint(
                    v.lower().split()))

            f = session.filters
            session.filters = f.model_copy(update={
                "subject": new_words(f.subject, before.subject),
                "topics": new_words(f.topics, before.topics),
                "genres": new_words(f.genres, before.genres)})
        counted = self.take_counts(session, parsed, it)
        if parsed.intent.kind == "chitchat" or counted and parsed.intent.kind != "ask":
            # "hi", "thanks!", "bye", "i'll take 3 of the first one": no new list
            leaving = FAREWELL.search(text) is not None
            reply = self.about_me() if parsed.about_me else \
                self.quantity_said(it, parsed.quantity, "more " * (
                    "quantity_more" in parsed.relative)) if parsed.quantity and not counted else \
                self.counted_said(session, counted) if counted else \
                self.picks_said(session, parsed) if parsed.asks in ("total", "picked") else \
                self.which_one() if parsed.asks == "take" and it is None else \
                self.small_talk(self.anchored(session, parsed) or (
                    [it] if it is not None and parsed.asks == "take" else []), leaving) \
                if session.last_shown_ids else \
                self.farewell() if leaving else self.greeting()
            return self._answer(session, TurnResult(
                reply=reply, intent=parsed.intent, timings_ms=stages.timings,
                fallbacks=fallbacks))
        # "why Jaws 2?": whether it was suggested is read before it joins what was shown
        said = self.answer(asked, parsed.asks, session) if asked is not None else None
        if asked is not None:  # described in the answer: not recommended as well
            session.shown_ids = list(dict.fromkeys([*session.shown_ids, asked]))
        # "lunch box for my son", then "he's 8": the child's categories give way to the
        # product asked for before, not the product to them
        child = self.catalog.name == "retail" and bool(before.subject) and bool(
            added := set(session.filters.genres) - set(before.genres)) and \
            added == set(FOR_A_CHILD) & set(self.catalog.genre_vocabulary())
        gave_way = self._categories_give_way(session) if child else []
        changes = [restarted] * bool(restarted) + [repicked] * bool(repicked) + \
            [switched] * bool(switched) + self.changes(
            before, parsed, self._relax(session, before)) + [unclear] * bool(unclear) + \
            self.noted(session, held, parsed) + gave_way + self._categories_give_way(session) + \
            [f"Each price is also given for {units}."] * bool(units)
        if parsed.new_recipient and (left := [i for i in basis_before
                                              if i not in self.basis(session)]):
            # "now something for my mum": the likes so far are no longer the basis, and said so
            opening = "I also" if any("for someone new" in c for c in changes) else \
                "For someone new, I"
            changes.append(f"{opening} no longer start from " + ", ".join(
                self.catalog.display_title(i) for i in left[-3:]) + ".")
        query = self.query_read(session, parsed)
        kept = self.kept_list(session, parsed, asked, before, held) if not (
            restarted or switched) else []
        if not kept and "list_again" in parsed.relative:  # "show me the first list again"
            kept = self.list_again(session, parsed)
            changes.append(self.list_again_sentence(session, parsed, bool(kept)))
            if kept:  # made under other constraints, maybe: the reply names none of today's
                parsed.relative.append("shown_again")
        series, narrowed, total = ([], False, 0) if kept else self.series(session, parsed,
                                                                          before)
        if series:
            kept = series  # "all the harry potter movies in order"
            fit = f" that fit{'s' * (total == 1)}" if narrowed else ""  # a constraint left some out
            first = f"first {len(series)} of the " if len(series) < total else ""
            changes.append(f"The {first}{total} film{'s' * (total > 1)} of the series I "
                           f"know{fit}, in order of release.")
        resized = self.resized(session, parsed, before, held) if not (
            kept or restarted or switched) else 0
        if resized and resized <= len(session.last_shown_ids):
            kept = session.last_shown_ids[:resized]  # "just give me 2": the first two of it
        order = next((r for r in parsed.relative if r in ("sort_cheap", "sort_dear",
                                                             "sort_old", "sort_new")), None)
        if order and not kept:  # "sort by price": what was shown may come back, in order
            again = set(session.shown_ids) - set(session.seen_ids) - set(session.disliked_ids)
            query = replace(query, exclude_ids=tuple(i for i in query.exclude_ids
                                                     if i not in again))
        if kept:  # "tell me about the second", then "and the third?": the same list
            query, candidates = self.shown_again(query, kept)
        else:
            candidates = self._ranked(query, stages, fallbacks, parsed.popular)
            if order and candidates is not None and len(candidates) > 0:
                by_year = order in ("sort_old", "sort_new")
                # one person's films by year: all of them ("the newest film with Tom Hanks"
                # had sorted the ten best matches and skipped his latest)
                person = by_year and bool(query.filters.cast or query.filters.directors)
                if (not by_year or person) and (not query.filters.is_empty() or not content_words(
                        ORDER_WORDS.sub(" ", query.text))):
                    # "your cheapest mug", "what's your cheapest item?": the shop's, not the
                    # retrieved few's ("the cheapest cute things" keeps what its words found)
                    candidates = self.with_every_match(query, candidates)
                # by year, the list the person would see, in order ("marvel movies", then "in
                # release order" had brought the catalogue's oldest superhero films); by
                # price, the cheapest (or dearest) of every match
                # (twice the list: a namesake the list leaves out must not let an unsorted
                # match in)
                head = 2 * self.list_size(session) if by_year and not person else \
                    len(candidates)
                ordered = self.in_order(
                    Candidates(item_ids=candidates.item_ids[:head],
                               scores=candidates.scores[:head]),
                    self.catalog.years if by_year else self.catalog.prices,
                    order in ("sort_dear", "sort_new"))
                candidates = Candidates(
                    item_ids=np.concatenate([ordered.item_ids, candidates.item_ids[head:]]),
                    scores=np.linspace(1.0, 0.5, len(candidates)))
                changes.append(("Sorted by year, " if by_year else "Sorted by price, ") + {
                    "sort_old": "oldest first.", "sort_new": "newest first.",
                    "sort_dear": "dearest first.", "sort_cheap": "cheapest first."}[order])
            marked = self.marked_places(session, parsed, before, held) if not (
                restarted or switched) else set()
            if marked and candidates is not None and len(candidates) > 0:
                # "seen the first", then "and the third": the others keep their places
                query, candidates = self.in_place(session, query, candidates, marked)
                kept = list(candidates.item_id_list())
            elif resized and candidates is not None and len(candidates) > 0:
                # "show me 8" after 5: those 5 first, then 3 new ones
                new, _ = self.explainer.distinct(query, candidates,
                                                 resized - len(session.last_shown_ids))
                query, candidates = self.shown_again(query, [*session.last_shown_ids, *new])
                kept = list(candidates.item_id_list())
        if (candidates is None or not self.explainer.distinct(query, candidates, 1)[0]) and \
                not kept and (done := [
                t for t in session.filters.topics if SERIES_TOPIC.fullmatch(t)
                and filter_mask(self.catalog, session.filters).any()]):
            # "rocky movies", then "which one is the best": every film of the series shown,
            # the list goes on past it (it had stopped: "I have no more movies matching ...");
            # shown means by title too (ReDial's second id of Star Wars (1977) had kept it)
            session.filters = session.filters.model_copy(update={"topics": tuple(
                t for t in session.filters.topics if t not in done)})
            # nor the records standing for the series ("Indiana Jones" had come next)
            records = [i for t in done
                       for i in self.catalog.series_records(SERIES_TOPIC.fullmatch(t)["name"])]
            query = self.query_for(session)
            query = replace(query, exclude_ids=(*query.exclude_ids, *records))
            candidates = self._ranked(query, stages, fallbacks, parsed.popular)
            changes.append(f"I have shown you every film of {' and '.join(map(series_said, done))}"
                           " I know, so these go past it.")
        if (candidates is None or len(candidates) == 0) and not kept and \
                session.filters != before and (again := self.shown_matches(session)):
            # "lunch bag", then "the apple one": only a bag shown before fits, so it again
            query, candidates = self.shown_again(query, again)
            changes.append(f"Only {'this one' if len(again) == 1 else 'these'}, shown before, "
                           f"{'fits' if len(again) == 1 else 'fit'}.")
        # a question about an item is answered even when no new list follows
        answered = [self.asked_text(asked, parsed.asks, session, said, bool(more)),
                    *(self.asked_text(i, more_asked(parsed.asks), session, brief=True)
                      for i in more)] if asked is not None and self.catalog.has(asked) else []
        if candidates is None or len(candidates) == 0:
            reason = candidates.reason if candidates is not None else "retrieval failed"
            # a question about an item is answered alone: the list running out is no news then
            # ("the spaceboy one", then "how much is it" had added "I have no more products")
            ran_out = [] if answered and parsed.intent.kind == "ask" else [
                self.nothing_found(session, reason, parsed)]
            return self._answer(session, TurnResult(
                reply=" ".join([*answered, *ran_out, *changes]), intent=parsed.intent,
                changes=changes,
                timings_ms=stages.timings, fallbacks=fallbacks, asked_id=asked,
                asked_more_ids=more))
        if not kept and self.gift_for_grown_up(session):
            candidates = self.children_last(candidates)
        elif not kept and self.past_babyhood(session):
            candidates = self.babies_last(candidates)
        if not kept and self.gift_asked(session):
            size = self.list_size(session)
            before_ids = candidates.item_id_list()[:size]
            candidates = self.trimmings_last(candidates)
            users = user_texts(session)
            if candidates.item_id_list()[:size] != before_ids and GIFT_WORD.search(users[-1]):
                changes.append("Cards and wrap come after the gifts themselves.")  # said once
        with stages.stage("explain"):
            explained = self.explainer.explain(query, candidates, session.conversation(),
                                               len(kept) if series else self.list_size(session),
                                               attempts=0)
        recs = explained.recommendations
        if not recs:  # every candidate was another catalogue entry of something shown
            return self._answer(session, TurnResult(
                reply=" ".join([*answered, self.nothing_found(
                    session, "every match was already shown", parsed), *changes]),
                changes=changes, intent=parsed.intent, timings_ms=stages.timings,
                fallbacks=fallbacks, asked_id=asked, asked_more_ids=more))
        self._show(session, [r.item_id for r in recs], replacing=[])
        return self._answer(session, TurnResult(
            reply=" ".join([*lead, self.reply_text(session, parsed, len(recs), changes, asked,
                                                   said, more)]),
            recommendations=recs, intent=parsed.intent, timings_ms=stages.timings,
            fallbacks=fallbacks, reasons=explained.reasons, asked_id=asked,
            asked_more_ids=more, changes=changes,
            # an order asked for ("oldest first", "cheapest first") is the list's order: the
            # LLM's re-rank had reordered it under "Sorted by year, oldest first."
            refinable=self.parser.chat_model is not None and not kept and order is None))

    def marked_places(self, session: Session, parsed: ParsedIntent, before: HardFilters,
                      held: dict[str, set[int]]) -> set[int]:
        """The items of the list shown last that this turn only marked seen or set aside, by
        their places ("seen the first", "hated the second and fourth") or names ("christmas
        movies for the family", then "not home alone": Elf and the others had gone with it,
        also where the film's series is set aside with it, and its films shown go too),
        with nothing else changed; empty otherwise."""
        now = session.filters
        if now != before and (
                now != before.model_copy(update={"exclude_topics": now.exclude_topics}) or
                not set(before.exclude_topics) < set(now.exclude_topics) or
                not all(SERIES_TOPIC.fullmatch(t) for t in now.exclude_topics
                        if t not in before.exclude_topics)):
            return set()
        added = {name: set(getattr(session, name)) - ids for name, ids in held.items()}
        if now != before:  # only set aside more: what it takes out of the list goes too,
            allowed = filter_mask(self.catalog, now)  # the films of it not shown say nothing
            shown = set(session.last_shown_ids)
            added = {name: {i for i in ids if allowed[i] or i in shown}
                     for name, ids in added.items()}
            added["disliked_ids"] |= {i for i in shown if not allowed[i]}
        marked = added.get("seen_ids", set()) | added.get("disliked_ids", set())
        others = [name for name, ids in added.items()
                  if ids and name not in ("seen_ids", "disliked_ids")]
        if others or not marked or not marked <= set(session.last_shown_ids) or any(
                set(getattr(session, name)) < ids for name, ids in held.items()):
            return set()
        return marked

    def in_place(self, session: Session, query: Query, fresh: Candidates,
                 marked: set[int]) -> tuple[Query, Candidates]:
        """The list shown last with each marked item replaced by the best new candidate, the
        others where they were, so that places said next still point where the person looks."""
        new, _ = self.explainer.distinct(query, fresh, len(marked))
        supply = iter(new)
        order = [item for item in (next(supply, None) if i in marked else i
                                   for i in session.last_shown_ids) if item is not None]
        return self.shown_again(query, order)

    def pick_changed(self, session: Session, text: str) -> str:
        """"no wait, the first one", "sorry i meant the 4th", "actually the silver one
        instead" right after a pick: the pick is taken back and the new one is read in the
        list it was made from (the turn since has shown another); said back. "" otherwise."""
        if not session.picked_ids or not session.earlier_shown_ids or \
                not PICK_CHANGED.fullmatch(text.strip()) or not CORRECTING.search(text):
            return ""
        taken = session.picked_ids
        for name in ("liked_ids", "wanted_ids"):
            setattr(session, name, [i for i in getattr(session, name) if i not in taken])
        session.last_shown_ids, session.picked_ids = session.earlier_shown_ids, []
        return "I took back " + ", ".join(self.catalog.display_title(i) for i in taken) + "."

    def of_series(self, item: int, text: str) -> int:
        """The film of `item`'s series a question means by its place in time ("what's the
        newest star wars movie", "which was the first rocky film"), else `item` (it had
        described Star Wars (1977) as the newest)."""
        said = SERIES_END.search(text)
        if said is None or self.catalog.name != "movies":
            return item
        years = self.catalog.years
        films = sorted((i for i in (item, *self.catalog.sequels_of(item)) if int(years[i]) > 0),
                       key=lambda i: int(years[i]))
        if not films:
            return item
        return films[0] if said.group("first") else films[-1]

    def list_again(self, session: Session, parsed: ParsedIntent) -> list[int]:
        """The earlier list the message asks to see again, as it was shown, less what has been
        set aside or seen since; [] where no such list was shown."""
        shown = self.listed(session, parsed) or []
        gone = set(session.disliked_ids) | set(session.seen_ids)
        return [i for i in shown if i not in gone]

    @staticmethod
    def list_again_sentence(session: Session, parsed: ParsedIntent, found: bool) -> str:
        kind, n = parsed.list_ref or ("back", 0)
        if kind == "before" and len(session.shown_lists) < 2:
            kind, n = "back", 0  # "what did you recommend before?" after one list: that one
        which = "the first list I showed you" if kind == "first" and n == 0 else \
            f"list number {n + 1} of those I showed you" if kind == "first" else \
            "the last list I showed you" if kind == "back" and n == 0 else \
            f"the list from {n} list{'s' * (n > 1)} ago" if kind == "back" else \
            "the list I showed you before that one"
        return f"This is {which}, again." if found else \
            f"I can't show {which} again: I have not shown you that list."

    def series(self, session: Session, parsed: ParsedIntent,
               before: HardFilters) -> tuple[list[int], bool, int]:
        """The films of the series this turn asks for whole ("all the rocky films"), by
        year: the series named (`Catalog.series_films`), or the film named (unless a record of
        the series itself, of no year) and its later films; only those the constraints allow
        ("all the james bond movies from the 90s" had listed all ten), none set aside or seen,
        each film once (ReDial holds some under two ids); at most MAX_LIST_SIZE. A constraint
        added right after a series was listed whole lists it again under that constraint
        ("all the star wars movies in order", then "no prequels"). With it, whether a
        constraint left some out, and how many fit in all."""
        asked = next((int(r.split(":")[1]) for r in parsed.relative
                      if r.startswith("series:")), None)
        named = next((t for t in parsed.filters.topics if SERIES_TOPIC.fullmatch(t)), None)
        if not (named and "series_all" in parsed.relative):  # "all the james bond movies"
            named = self.relisted_series(session, before)  # or narrowed right after it
        if named:
            series = self.catalog.series_topic_films(named)
        elif asked is not None and self.catalog.has(asked):
            series = (asked, *self.catalog.sequels_of(asked))
        else:
            return [], False, 0
        films = self._by_year(session, series, session.filters)
        # left out by a constraint, or set aside ("all the harry potter movies except the
        # first two" had said "The 5 films of the series I know")
        narrowed = len(films) < len(self.catalog.release_order(series))
        return films[:MAX_LIST_SIZE], narrowed, len(films)

    def relisted_series(self, session: Session, before: HardFilters) -> str | None:
        """The series this message narrows right after listing it whole ("all the star wars
        movies in order", then "no prequels", "just pierce brosnan"): its name, where the
        constraints changed, the list shown was that series by year and some film of it fits
        them (never "comedies": that goes past the series); else None. The series' topic,
        which may now name a kind of it ("only the prequels")."""
        now, was = ([t for t in filters.topics if SERIES_TOPIC.fullmatch(t)]
                    for filters in (session.filters, before))
        if not now or not was or session.filters == before or not session.last_shown_ids or \
                SERIES_TOPIC.fullmatch(now[0])["name"] != SERIES_TOPIC.fullmatch(was[0])["name"]:
            return None
        whole = self._by_year(session, self.catalog.series_topic_films(was[0]), before)
        return now[0] if set(session.last_shown_ids) == set(whole[:MAX_LIST_SIZE]) and \
            self._by_year(session, self.catalog.series_topic_films(now[0]),
                          session.filters) else None

    def _by_year(self, session: Session, films: tuple[int, ...] | list[int],
                 filters: HardFilters) -> list[int]:
        """`films` that `filters` allow, of a known year, none set aside or seen, each title
        once (the best known of namesakes, as a list shows them: two "Planet of the Apes"
        had been counted as two), by year."""
        allowed = filter_mask(self.catalog, filters)
        gone = {*session.disliked_ids, *session.seen_ids}
        return self.catalog.release_order(i for i in films if allowed[i] and i not in gone)

    def with_every_match(self, query: Query, candidates: Candidates) -> Candidates:
        """The candidates, then every other item the query allows (its filters, nothing shown
        or set aside) in catalogue order: an order by price is over every match, where the
        retrieved few had answered "your cheapest mug" with the cheapest of 200."""
        rest = allowed_mask(self.catalog, query)
        rest[candidates.item_ids] = False
        ids = np.concatenate([candidates.item_ids, np.flatnonzero(rest)]).astype(np.int64)
        return Candidates(item_ids=ids, scores=np.linspace(1.0, 0.5, len(ids)))

    @staticmethod
    def in_order(candidates: Candidates, values: np.ndarray, descending: bool) -> Candidates:
        """The candidates in the order of `values` (prices: "cheapest first"; years: "in
        order"), those of unknown value (NaN price, year -1) last."""
        ids = candidates.item_id_list()
        keys = np.asarray([float(values[i]) for i in ids])
        known = np.isfinite(keys) & (keys >= 0)
        keys = np.where(known, -keys if descending else keys, np.inf)
        order = [ids[k] for k in np.argsort(keys, kind="stable")]
        return Candidates(item_ids=np.array(order, dtype=np.int64),
                          scores=np.linspace(1.0, 0.5, len(order)))

    @staticmethod
    def shown_again(query: Query, order: list[int]) -> tuple[Query, Candidates]:
        """`order` as the candidates, in that order, none of it left out as shown before."""
        again = set(order)
        query = replace(query, exclude_ids=tuple(i for i in query.exclude_ids if i not in again))
        return query, Candidates(item_ids=np.array(order, dtype=np.int64),
                                 scores=np.linspace(1.0, 0.5, len(order)))

    def compared(self, session: Session, parsed: ParsedIntent, text: str) -> str | None:
        """"which is cheaper, the first or the second?", "which is newer, 1 or 3": the places
        named compared by price or year, each named with it (it had described a third item);
        None where the message is no such question."""
        said = COMPARED.search(text)
        if said is None or parsed.anchor_position is None or not parsed.more_anchors:
            return None
        places = [(parsed.anchor_position, parsed.anchor_count)] + [
            (place, count) for place, count, _ in parsed.more_anchors]
        items = list(dict.fromkeys(i for place, count in places for i in self.places(
            self.listed(session, parsed), place, count)))
        word = said.group("word").lower()
        by_year = word in ("newer", "older", "more recent")
        values = [float(self.catalog.years[i]) if by_year else float(self.catalog.prices[i])
                  for i in items]
        if len(items) < 2 or not all(np.isfinite(values)) or by_year and min(values) < 0:
            return None
        shown = [f"{self.catalog.display_title(i)}" + ("" if by_year else f" (£{v:.2f})")
                 for i, v in zip(items, values, strict=True)]
        if len(set(values)) == 1:
            return (f"{' and '.join(shown)} are from the same year." if by_year else
                    f"{' and '.join(shown)} cost the same.")
        highest = word in ("more expensive", "dearer", "pricier", "newer", "more recent")
        best = int(np.argmax(values) if highest else np.argmin(values))
        others = [t for k, t in enumerate(shown) if k != best]
        return f"{shown[best]} is {word} than {' and '.join(others)}."

    def list_answer(self, session: Session, parsed: ParsedIntent,
                    text: str) -> ListAnswer | None:
        """"is any of them animated?", "which one is sad", "do any of these star Tom Cruise?":
        which items of the list on screen meet what the question names (a genre, a mood read
        as one, years, a person, a topic), answered from that list; it had become a filter
        that replaced what the person asked for before, and a new list. Where none of the list
        fits, the filters of a narrowing to what fits both the list's request and the question
        go with the answer (`narrowing`). None where the message is no such question or names
        nothing a filter can check."""
        shown = session.last_shown_ids
        one_sentence = len([part for part in re.split(r"[.?!]+", text) if part.strip()]) <= 1
        kind = "products" if self.catalog.name == "retail" else "movies"
        if shown and parsed.anchor_position is None and not parsed.said_now and one_sentence \
                and BEST_PICK.search(text):
            alone = read_message(text, self.catalog, self.parser.linker)
            if not any([alone.mentioned_ids, alone.genres, alone.exclude_genres, alone.cast,
                        alone.directors, alone.topics, alone.year_min, alone.year_max,
                        alone.price_min, alone.price_max]):
                # "which one is the best?", "which should I watch first?": the list's own
                # order says (it had been a new list)
                return ListAnswer(f"Of the {len(shown)} {kind} I showed you, I'd start with "
                                  f"{self.catalog.display_title(shown[0])}, the one I ranked "
                                  f"first for what you told me.")
        if not shown or parsed.anchor_position is not None or parsed.said_now or \
                not LIST_QUESTION.search(text) or ASKS_TOO.search(text) or not one_sentence:
            return None  # "are any of them animated? i want something animated" asks for more
        alone = read_message(text, self.catalog, self.parser.linker)
        # any full name in such a question is who it asks about ("which one has brad pitt")
        cast = alone.cast or [name for _, _, name in cast_spans(text, self.catalog)]
        asked = HardFilters(genres=tuple(alone.genres), audience=tuple(alone.audience),
                            year_min=alone.year_min, year_max=alone.year_max,
                            price_min=alone.price_min, price_max=alone.price_max,
                            cast=tuple(dict.fromkeys(cast)), directors=tuple(alone.directors),
                            topics=tuple(alone.topics))
        kids_only = asked.model_copy(update={"genres": (), "audience": ()}) == HardFilters() \
            and set(asked.genres + asked.audience) <= set(FOR_A_CHILD)
        if asked == HardFilters():
            return None
        if self.catalog.name == "retail" and kids_only:
            # a shop's categories do not say "for kids" (lunch boxes are kitchen): "bags",
            # then "which ones are for children" asks for children's bags
            narrowed = self.narrowing(session, asked.model_copy(update={
                "genres": (), "audience": asked.genres + asked.audience}))
            return None if narrowed is None else ListAnswer("", narrowed)
        mask = filter_mask(self.catalog, asked)
        hits = [self.catalog.display_title(i) for i in shown if mask[i]]
        what = self.describe_filters(asked)
        if not hits:  # "which is the funniest" asks to choose among these: no narrowing
            return ListAnswer(f"None of the {len(shown)} {kind} I showed you matches ({what}).",
                              None if SUPERLATIVE.search(text) else self.narrowing(session, asked))
        # "which is the scariest": the catalogue says which are Horror, not which is most so
        rank = " I can't tell which of them is the most so." if len(hits) > 1 and \
            SUPERLATIVE.search(text) else ""
        if len(hits) == len(shown) > 1:
            return ListAnswer(f"All {len(shown)} {kind} I showed you match ({what}).{rank}")
        named = hits[0] if len(hits) == 1 else f"{', '.join(hits[:-1])} and {hits[-1]}"
        matches = "matches" if len(hits) == 1 else "match"
        return ListAnswer(
            f"Of the {len(shown)} {kind} I showed you, {named} {matches} ({what}).{rank}")

    def narrowing(self, session: Session, asked: HardFilters) -> HardFilters | None:
        """What a question over the list asks when none of the list fits it ("mugs", then
        "any of them under £2?"): the question's filters, added to what was asked before, where
        some item not yet shown, set aside or seen fits both. None where none does, or where
        the question names a person or topic where one was asked before (it replaces that
        one, so the merged request would not be what both ask)."""
        before = session.filters
        kinds = [g for g in before.genres if g not in before.audience]  # a child's stay either
        if (asked.cast or asked.directors) and (before.cast or before.directors) or \
                asked.topics and before.topics or \
                asked.genres and len(kinds) > 1 and not before.genres_all:
            return None  # (nor "comedy or drama" and "animated": no filter says that)
        fits = filter_mask(self.catalog, before) & filter_mask(self.catalog, asked)
        gone = [*session.shown_ids, *session.disliked_ids, *session.seen_ids]
        fits[np.asarray([i for i in gone if self.catalog.has(i)], dtype=np.int64)] = False
        return asked if fits.any() else None

    def shown_matches(self, session: Session) -> list[int]:
        """The items shown before that fit what is asked for now, latest first, none set
        aside or seen: what a narrowing that only they fit shows again."""
        mask = filter_mask(self.catalog, session.filters)
        gone = set(session.disliked_ids) | set(session.seen_ids)
        return [i for i in reversed(session.shown_ids) if mask[i] and i not in gone][
            : self.list_size(session)]

    @staticmethod
    def resized(session: Session, parsed: ParsedIntent, before: HardFilters,
                held: dict[str, set[int]]) -> int:
        """The list size this turn asked for when that is all it changed ("just give me 2",
        "show me 8" after a list): the person resizes the list they see rather than asking
        for another one ("3 more" does ask for new ones); 0 otherwise."""
        sizes = [int(r.split(":")[1]) for r in parsed.relative if r.startswith("show:")]
        if not sizes or set(parsed.relative) != {f"show:{sizes[-1]}", "cut"} or \
                not session.last_shown_ids or \
                session.filters != before or parsed.moods or parsed.exclude_moods or \
                parsed.popular or parsed.anchor_position is not None or \
                any(set(getattr(session, name)) != ids for name, ids in held.items()):
            return 0
        return sizes[-1]

    @staticmethod
    def kept_list(session: Session, parsed: ParsedIntent, asked: int | None,
                  before: HardFilters, held: dict[str, set[int]]) -> list[int]:
        """The list shown last, when this turn only asks about one item (of it, of an earlier
        list's: "the very first one you showed, who is in it", or any other: "is Heat
        violent?") and changes nothing else: it stays, so that "the third" next still means
        what the person sees (a question of another film had searched its words)."""
        if asked is None or not session.last_shown_ids or \
                parsed.intent.kind != "ask" or session.filters != before or \
                session.together_ids or \
                any(set(getattr(session, name)) != ids for name, ids in held.items()):
            return []
        return list(session.last_shown_ids)

    def refine(self, session: Session, phase1: TurnResult) -> Refinement:
        """Phase 2: the LLM's reading (only when the rules' reading is not confident), then
        its re-rank and reasons over freshly ranked candidates; at most two LLM calls.

        Works on a copy of `session` as phase 1 left it and changes nothing: `adopt` applies
        the outcome to the session as it is by then. A phase 2 whose LLM calls all failed
        returns no result (phase 1 stands) and names the failures."""
        if not phase1.refinable:
            return Refinement(None, [])
        work = session.model_copy(deep=True)
        context = self._context(work, phase1)
        stages = Stages({})
        fallbacks: list[str] = []
        with stages.stage("intent"):
            # the conversation as phase 1 read it (its reply left out): "more from that
            # director" and "more by him" resolve as they did there
            before = work.model_copy(update={"messages": list(context)})
            rules = self.in_context(self.rules_parser.parse(context), work.filters, before)
            reading, calls = None, 0
            if not rules.confident():
                reading = self.in_context(self._parse(context, fallbacks), work.filters, before)
                calls = reading.llm_calls
                fallbacks += reading.fallbacks
                if any(f.startswith("llm_intent") or f.startswith("intent:")
                       for f in fallbacks):
                    reading = None  # the LLM's reading failed: the rules' one stands
        with stages.stage("session"):
            if reading is not None:
                self.update_session(work, reading.already_applied())
        query, candidates = self.fresh_candidates(work, phase1, stages, fallbacks,
                                                  reading or rules)
        if candidates is None or len(candidates) == 0:
            return Refinement(None, fallbacks)
        with stages.stage("explain"):
            explained = self.explainer.explain(query, candidates, context,
                                               self.list_size(work),
                                               attempts=LLM_CALLS_PER_TURN - calls)
            fallbacks += explained.fallbacks
        if reading is None and explained.fallbacks:
            return Refinement(None, fallbacks)  # nothing came from the LLM: phase 1 stands
        recs = explained.recommendations
        if not recs:
            return Refinement(None, fallbacks)
        self._show(work, [r.item_id for r in recs], replacing=phase1.item_ids())
        used = reading or rules
        result = TurnResult(
            reply=self.reply_text(work, used, len(recs), phase1.changes, phase1.asked_id,
                                  more=phase1.asked_more_ids),
            recommendations=recs, asked_id=phase1.asked_id,
            asked_more_ids=phase1.asked_more_ids, changes=phase1.changes,
            intent=used.intent, timings_ms=stages.timings, fallbacks=fallbacks,
            reasons=explained.reasons, phase=2)
        return Refinement(result, fallbacks, reading, used)

    def adopt(self, session: Session, phase1: TurnResult, refinement: Refinement) -> bool:
        """Apply a phase 2 to the session as it is now. Only while phase 1 is still the
        latest turn: a newer message (or another phase 2) is never overwritten. Items the
        person has since liked, disliked or seen drop out of the refined list."""
        if refinement.result is None or not self.is_latest(session, phase1):
            return False
        if refinement.reading is not None:
            self.update_session(session, refinement.reading.already_applied())
        # a reason may cite only what is liked now: a like taken back while the LLM worked
        # ("Because you liked The Matrix" after The Matrix was removed) leaves phase 1 standing
        citable = {*session.liked_ids, *session.others_liked}
        if any(set(r.because_item_ids) - citable for r in refinement.result.recommendations):
            return False
        gone = {i for name in ITEM_READINGS for i in getattr(session, name)}
        recs = [r for r in refinement.result.recommendations if r.item_id not in gone]
        if not recs:
            return False  # every refined item was marked meanwhile: phase 1 stands
        result = refinement.result
        if len(recs) != len(result.recommendations) and refinement.used is not None:
            # the reply counts the list it shows ("Here are 5" over the 3 left had been said)
            result.reply = self.reply_text(session, refinement.used, len(recs), result.changes,
                                           result.asked_id, more=result.asked_more_ids)
        result.recommendations = recs
        self._show(session, [r.item_id for r in recs], replacing=phase1.item_ids())
        session.messages[-1] = Message(role="assistant", text=refinement.result.reply)
        return True

    @staticmethod
    def is_latest(session: Session, phase1: TurnResult) -> bool:
        messages = session.messages
        return (len(messages) >= 2 and messages[-2].role == "user"
                and messages[-1] == Message(role="assistant", text=phase1.reply)
                and session.last_shown_ids == phase1.item_ids())

    # -- turn helpers ---------------------------------------------------------------------

    def in_context(self, parsed: ParsedIntent, asked: HardFilters,
                   session: Session | None = None) -> ParsedIntent:
        """The message's reading where it leans on what the conversation asks for already
        (`asked`): a genre toned down, a person referred to as "him" or "her" (also one the
        last reply in `session` named)."""
        kept = apply_release(asked, parsed.release).genres  # "forget the kids part" drops
        return with_people_resolved(grown_up(self.mild_but_empty(toned_down(
            self.with_film_people(parsed, session), asked.genres)), kept), asked, self.catalog,
            self.people_answered(session) if session else None)

    def with_film_people(self, parsed: ParsedIntent, session: Session | None) -> ParsedIntent:
        """"More from that director", "the lead actor of Heat": the film's first director (or
        first-billed star), the film being the one named with the words, else the one this
        message likes, else the one the last reply answered about, else the last one liked;
        left unresolved (and said so) where there is none or it credits no one in that role."""
        if not parsed.film_people:
            return parsed
        answered = self.film_answered(session) if session else None
        context = [*reversed(parsed.liked_ids), answered,
                   *reversed(session.liked_ids if session else [])]
        lists = {f: list(getattr(parsed.intent.constraints, f))
                 for f in ("cast", "exclude_cast", "directors", "exclude_directors")}
        unresolved = list(parsed.unresolved)
        for phrase, role, set_aside, named in parsed.film_people:
            film = named if named >= 0 else next(
                (i for i in context if i is not None and self.catalog.has(i)), None)
            people = () if film is None else self.catalog.directors_of(film)[:1] \
                if role == "directors" else self.catalog.cast[film][:1]
            if not people:
                unresolved.append(phrase)
                continue
            key = f"exclude_{role}" if set_aside else role
            lists[key] = list(dict.fromkeys([*lists[key], *people]))
        return replace(with_constraints(parsed, **lists), film_people=[],
                       unresolved=list(dict.fromkeys(unresolved)))

    def film_answered(self, session: Session) -> int | None:
        """The film the last reply answered about ("what's Jaws about?"), read once the new
        message is in the session; None where the last reply was about no one film."""
        item = session.asked_id
        if item is None or not self.catalog.has(item) or len(session.messages) < 2 or \
                session.messages[-2].role != "assistant" or \
                self.catalog.display_title(item) not in session.messages[-2].text:
            return None
        return item

    def mild_but_empty(self, parsed: ParsedIntent) -> ParsedIntent:
        """A genre set aside only by degree that would leave almost nothing of what the same
        message asks ("vampire movies but not too scary": Twilight alone is no Horror) is
        toned down to a mood too, as `toned_down` does for a genre asked before."""
        mild = [g for g in parsed.filters.exclude_genres if g in parsed.mild_exclude_genres]
        if not mild or filter_mask(self.catalog, parsed.filters).sum() >= MILD_LEAVES:
            return parsed
        softer = parsed.filters.model_copy(update={"exclude_genres": tuple(
            g for g in parsed.filters.exclude_genres if g not in mild)})
        return as_moods(parsed, mild) if filter_mask(self.catalog, softer).any() else parsed

    def people_answered(self, session: Session) -> dict[str, tuple[str, ...]]:
        """The directors and stars of the item the last reply answered about that the reply
        names, by role; read once the new message is in the session."""
        item = session.asked_id
        if item is None or not self.catalog.has(item) or len(session.messages) < 2 or \
                session.messages[-2].role != "assistant":
            return {}
        # the answer only: the description after it (opening with the title again) names
        # others ("It stars Roy Scheider" after "Jaws was directed by Steven Spielberg")
        said, title = session.messages[-2].text, self.catalog.display_title(item)
        if (second := said.find(title, said.find(title) + 1)) > 0:
            said = said[:second]
        return {"directors": tuple(n for n in self.catalog.directors_of(item) if n in said),
                "cast": tuple(n for n in self.catalog.cast[item][:4] if n in said)}

    def described(self, session: Session, parsed: ParsedIntent) -> ParsedIntent:
        """"the pink one", "the spaceboy one": the one item of the list just shown whose name
        holds those words is the place pointed at, and the words ask for nothing more; with
        no such item (or several) the words stay what they asked for."""
        if parsed.described is None or parsed.anchor_position is not None or \
                not session.last_shown_ids:
            return parsed
        words, cue = parsed.described
        named = self.catalog.phrase_mask(" ".join(words))
        places = [k for k, item in enumerate(session.last_shown_ids) if named[item]]
        if len(places) != 1:
            return parsed
        filters = parsed.filters.model_copy(update={
            "topics": tuple(t for t in parsed.filters.topics if t.lower() not in words),
            "exclude_topics": tuple(t for t in parsed.filters.exclude_topics
                                    if t.lower() not in words),
            "subject": tuple(s for s in parsed.filters.subject
                             if not set(s.lower().split()) & set(words)),
            "genres": tuple(g for g in parsed.filters.genres if g.lower() not in words)})
        intent = parsed.intent.model_copy(update={"kind": "ask"}) if cue == "asked" else \
            parsed.intent
        return replace(parsed, anchor_position=places[0], anchor_count=1,
                       anchor_cue="unseen" if cue == "asked" else cue, filters=filters,
                       intent=intent, pronoun_cue=None, about_it=False)  # "is it red?"

    def _read_rules(self, session: Session, fallbacks: list[str]) -> ParsedIntent:
        try:
            return self.rules_parser.parse(session.conversation())
        except Exception as exc:  # the reading must never take a turn down
            fallbacks.append(f"intent:{type(exc).__name__}")
            text = session.messages[-1].text
            reading = read_message("", self.catalog, self.parser.linker)
            return ParsedIntent(intent=Intent(kind=reading.kind, search_text=text[:300]))

    def _relax(self, session: Session, before: HardFilters) -> str:
        """When this message's constraints and earlier ones together allow no item, drop the
        fewest earlier ones that lets some through (one constraint, else all of them), so the
        person is never stuck behind a filter said turns ago; returns what was dropped."""
        carried = carried_filters(before, session.filters)
        query = self.query_for(session)
        if carried is None or allowed_mask(self.catalog, query).any() or \
                self.relisted_series(session, before):  # the series again, under it (`series`)
            return ""
        shown = set(session.shown_ids)
        all_shown = allowed_mask(self.catalog, replace(query, exclude_ids=tuple(
            i for i in query.exclude_ids if i not in shown))).any()
        groups = [[f for f in group if f in carried.model_fields_set] for group in FILTER_GROUPS]
        # what fits was all shown: another kind of thing is no answer to "teapots", then "not
        # red" (said so instead), but an earlier genre may go ("Clint Eastwood westerns", then
        # "not directed by him")
        groups = [g for g in groups if g and not (all_shown and "subject" in g)]
        if all_shown and (not groups or len(self.shown_matches(session)) > 1):
            # several shown before still fit ("blue ones", then "not stripes"): those again,
            # never "nothing matched" (it had dropped "blue" for pink and red covers)
            return ""
        for fields in [*groups, [f for g in groups for f in g]] if groups else []:
            relaxed = session.filters.model_copy(
                update={f: HardFilters.model_fields[f].default for f in fields})
            if allowed_mask(self.catalog, replace(query, filters=relaxed)).any():
                session.filters = relaxed
                return self.describe_filters(HardFilters(**{f: getattr(carried, f)
                                                            for f in fields}))
        return ""

    def _categories_give_way(self, session: Session) -> list[str]:
        """Gift shop: where the product named ("easter stuff") and the categories asked with
        it ("for the kids") leave nothing with the rest of what was asked, the categories go
        and the reply says so (a category is a guess from name words; the product named is
        what the shopper asked for). Where a few products are left they are shown."""
        filters = session.filters
        if self.catalog.name != "retail" or not filters.genres or not (
                filters.subject or filters.topics):
            return []
        query = self.query_for(session)
        if allowed_mask(self.catalog, query).any():
            return []
        relaxed = filters.model_copy(update={"genres": (), "genres_all": False})
        if not allowed_mask(self.catalog, replace(query, filters=relaxed)).any():
            return []
        session.filters = relaxed
        named = " or ".join(filters.subject or filters.topics)
        return [f"Nothing matched {named} in {' or '.join(filters.genres)} with the rest of what "
                f"you asked, so I left the category out."]

    def fresh_candidates(self, work: Session, phase1: TurnResult, stages: Stages,
                         fallbacks: list[str], parsed: ParsedIntent | None = None
                         ) -> tuple[Query, Candidates | None]:
        """What phase 2 ranks: phase 1's list back among the candidates (the LLM may keep
        it), over `work`, a copy of the session (also `bench llm`'s load), as `parsed` asks
        (best sellers, words alone)."""
        work.shown_ids = [i for i in work.shown_ids if i not in phase1.item_ids()]
        query = self.query_read(work, parsed) if parsed is not None else self.query_for(work)
        return query, self._ranked(query, stages, fallbacks,
                                   parsed.popular if parsed is not None else "")

    def query_read(self, session: Session, parsed: ParsedIntent) -> Query:
        """`query_for`, and words alone matched against the descriptions where nothing was read
        from them (`Query.described`), as the reply then says (`read_nothing`)."""
        if words := self.naming(session):
            # a film being named is that message alone: no earlier likes, constraints or
            # exclusions (it may be one already seen, or of another kind than asked before)
            return Query(text=words, described=True)
        query = self.with_asked(self.query_for(session), parsed)
        if parsed.popular in ("best", "new"):
            query = replace(query, popular_reason=self.popular_reason(parsed))
        if self.read_nothing(parsed) and not session.together_ids:
            return replace(query, described=True)
        return query

    @staticmethod
    def with_asked(query: Query, parsed: ParsedIntent) -> Query:
        """The films the latest message asks about, and no one said a word on, as context of
        the list and out of it: "what is Jaws about?" is followed by films close to Jaws, "is
        Heat better than Casino?" by films close to both (probe 2026-12-08: popular picks, and
        The Heat (2013) for the word), each "close to ..., which you mentioned", never liked."""
        said = {*query.liked_ids, *query.disliked_ids, *parsed.liked_ids, *parsed.disliked_ids}
        asked = [i for i in parsed.asked_ids if i not in said]
        if not asked:
            return query
        return replace(query, liked_ids=tuple(dict.fromkeys([*query.liked_ids, *asked])),
                       exclude_ids=tuple(dict.fromkeys([*query.exclude_ids, *asked])))

    def popular_reason(self, parsed: ParsedIntent) -> str:
        """What each item of a list in the popularity order is, said as its reason (probe
        2026-12-07: "what's popular right now?" had given each "Close to what you
        described")."""
        period = getattr(self._popularity_source(), "period", "")
        if parsed.popular == "new" and self.knows_arrivals():
            return f"New: first sold in {period}, and among the best sellers of those."
        return f"One of our best sellers of {period}." if period else \
            f"One of our most popular {self.noun()}."

    def naming(self, session: Session) -> str:
        """The person's latest message where it asks for a film's name ("what's the movie
        where a guy relives the same day?") and reads nothing else on its own; "" otherwise.
        Mid-conversation it had been answered with films like the one liked before."""
        users = user_texts(session) if self.catalog.name == "movies" else []
        if not users or not NAMING_A_FILM.search(users[-1]):
            return ""
        alone = self.rules_parser.parse([Message(role="user", text=users[-1])])
        return self.read_nothing(alone)

    @staticmethod
    def _context(session: Session, phase1: TurnResult) -> list[Message]:
        """The conversation up to this turn's user message (phase 1's reply left out)."""
        messages = session.conversation()
        if messages and messages[-1] == Message(role="assistant", text=phase1.reply):
            return messages[:-1]
        return list(messages)

    def _ranked(self, query: Query, stages: Stages, fallbacks: list[str],
                popular: str = "") -> Candidates | None:
        """Retrieval then ranking; `popular` ("best": best sellers, "new": new arrivals)
        answers with the popularity order instead."""
        with stages.stage("retrieval"):
            try:
                candidates = self.popular(query, popular) if popular in ("best", "new") \
                    else None
                if candidates is None:  # (room for the best known "a hidden gem" drops)
                    candidates = self.retriever.retrieve(
                        query, CANDIDATES + len(self.best_known) * (popular == "less"))
            except Exception as exc:
                fallbacks.append(f"retrieval:{type(exc).__name__}")
                return None
        if len(candidates) == 0:
            return candidates
        with stages.stage("ranking"):
            if popular in ("best", "new"):
                pass  # "best sellers", "what's new?": the popularity order is the answer
            elif query.described:
                # words alone, matched as the reply says: the ranker, trained on dialogue
                # histories, had put Independence Day over Groundhog Day for "the movie
                # where a guy relives the same day"
                pass
            elif self.ranker is None:
                fallbacks.append("ranking:unavailable")
            else:
                try:
                    candidates = self.ranker.score(query, candidates)
                except Exception as exc:
                    fallbacks.append(f"ranking:{type(exc).__name__}")
        if popular == "less":  # "a hidden gem": the usual order, less the best known
            candidates = candidates.exclude(self.best_known)
        return candidates

    @cached_property
    def best_known(self) -> list[int]:
        """The tenth of the items people mention (or buy) most (`WELL_KNOWN_SHARE`): what "a
        hidden gem" leaves out (sorted once: the catalogue does not change)."""
        n = int(len(self.catalog) * WELL_KNOWN_SHARE)
        return [int(i) for i in np.argsort(-self.catalog.popularity, kind="stable")[:n]]

    @staticmethod
    def _show(session: Session, ids: list[int], replacing: list[int]) -> None:
        kept = [i for i in session.shown_ids if i not in replacing]
        session.shown_ids = list(dict.fromkeys(kept + ids))
        if replacing and session.last_shown_ids == replacing:
            # phase 2 refines the list phase 1 showed: the same list, the one before it stays
            if session.shown_lists and session.shown_lists[-1] == replacing:
                session.shown_lists = [*session.shown_lists[:-1], ids]
        elif ids != session.last_shown_ids:
            session.earlier_shown_ids = session.last_shown_ids
            session.shown_lists = [*session.shown_lists, ids][-MAX_LISTS:]
        session.last_shown_ids = ids

    @staticmethod
    def _answer(session: Session, result: TurnResult) -> TurnResult:
        session.messages.append(Message(role="assistant", text=result.reply))
        return result

    def _popularity_source(self):
        return getattr(self.retriever, "sources", {}).get("pop")

    def popular(self, query: Query, kind: str = "best") -> Candidates | None:
        """The popularity source's best sellers ("best sellers", "trending"): purchases of the
        last weeks of the training baskets on retail, mentions on movies; of `kind` "new", its
        new arrivals (first sold in those weeks; the best sellers where it knows no dates);
        None if the retriever has no popularity source."""
        source = self._popularity_source()
        if source is None:
            return None
        new = source.new_arrivals(query, CANDIDATES) if kind == "new" else None
        return new if new is not None else source.best_sellers(query, CANDIDATES)

    def knows_arrivals(self) -> bool:
        """The popularity source can tell new products from old (the build kept its dates)."""
        return getattr(self._popularity_source(), "first_sold", None) is not None

    # -- words ----------------------------------------------------------------------------

    def noun(self) -> str:
        return "products" if self.catalog.name == "retail" else "movies"

    def greeting(self) -> str:
        return (f"Hi! Tell me a few {self.noun()} you liked (and any you didn't), or what you "
                f"are in the mood for, and I'll suggest some.")

    def about_me(self) -> str:
        """What the assistant is, for "what are you?" and "how do you pick movies?"."""
        return (f"I'm because-rec, a recommender, not a general chatbot. I read what you tell me "
                f"you liked and didn't, genres, people, years and prices, and rank my "
                f"{len(self.catalog):,} {self.noun()} with models trained on real "
                f"{'orders' if self.catalog.name == 'retail' else 'conversations'}; each "
                f"suggestion says why I picked it. Tell me what you liked, or what you are after.")

    def overview(self) -> str:
        """What the catalogue holds, for "what do you sell?": how many items, the years of the
        films, the categories that hold the most."""
        kinds = [g for g, _ in Counter(g for genres in self.catalog.genres
                                       for g in genres).most_common(4)]
        named = f"; the largest {'categories' if self.catalog.name == 'retail' else 'genres'} " \
            f"are {', '.join(kinds[:-1])}, and {kinds[-1]}" if len(kinds) > 1 else ""
        if self.catalog.name == "retail":
            return (f"I have {len(self.catalog):,} products{named}. Tell me who a gift is for "
                    "or what you are after.")
        years = [int(y) for y in self.catalog.years if y > 0]
        span = f" from {min(years)} to {max(years)}" if years else ""
        return (f"I know {len(self.catalog):,} movies{span}{named}. Tell me one you liked and "
                "I'll find more like it.")

    def farewell(self) -> str:
        return f"Bye! Come back whenever you want {self.noun()} suggested."

    def small_talk(self, chosen: list[int] | None = None, leaving: bool = False) -> str:
        """After a list; `chosen`: what "I'll watch the third one" picked from it; `leaving`:
        the person says goodbye."""
        picked = " and ".join(self.catalog.display_title(i) for i in chosen or [])
        if leaving:
            return (f"Enjoy {picked}! " if picked else "Glad to help! ") + self.farewell()
        return (f"Enjoy {picked}! " if picked else "Glad to help! ") + (
            "Say \"more\" for other suggestions, or tell me what you liked or didn't, and I'll "
            "adjust them.")

    @staticmethod
    def which_one() -> str:
        """"i'll take it" with a list on screen and no one item "it" could be."""
        return "Which one would you like? Say \"the first one\" or its name."

    def quantity_said(self, item: int | None, n: int, more: str = "") -> str:
        """"i'll take 6" with nothing picked: which one is meant; no order is taken here, and
        that is said."""
        return (f"Which one would you like {n} {more}of? Say \"the first one\" or its name. I "
                "can only suggest products; I can't take orders.")

    @staticmethod
    def keep_units(session: Session, parsed: ParsedIntent, before: HardFilters) -> int | None:
        """Keeps `Session.units`: the number this message says it needs of one product ("I
        need 12 mugs"), returned; otherwise the number said before holds while the product
        asked stays ("cheaper ones"), and goes with another ("now a card for my mum"). Probe
        2026-12-08: "I need 12 mugs" had listed mugs with nothing said of the 12."""
        said = next((int(r.split(":")[1]) for r in parsed.relative if r.startswith("units:")),
                    None)
        if said is not None:
            session.units = said
        elif parsed.new_recipient or session.filters.subject != before.subject:
            session.units = None
        return said

    @staticmethod
    def picks_units(session: Session, parsed: ParsedIntent, it: int | None) -> bool:
        """Whether this message picks one item with no number ("I'll take the second one",
        "I'll take it") after the shopper said how many they need: it takes that many."""
        return bool(session.units) and it is not None and parsed.intent.kind == "chitchat" \
            and it not in session.quantities and (
                parsed.asks == "take" or parsed.anchor_position is not None and
                parsed.anchor_cue == "positive")

    def take_counts(self, session: Session, parsed: ParsedIntent,
                    it: int | None) -> list[tuple[int, int]]:
        """(item, how many) this message said of picks ("i'll take 3 of the first one", "i'll
        take 6" of the item just picked), kept in the session so that their total is right
        ("total price?" had said one lantern's price for three)."""
        counted = [(item, n) for place, n in parsed.place_quantities
                   for item in self.places(self.listed(session, parsed), place, 1)]
        if parsed.quantity and it is not None and not counted:
            # "add 2 more" of the one taken adds to how many of it were taken
            more = session.quantities.get(it, 1) if "quantity_more" in parsed.relative else 0
            counted = [(it, more + parsed.quantity)]
        if parsed.asks == "price_of":  # "how much for 10": asked, nothing taken
            return counted
        if not counted and self.picks_units(session, parsed, it):
            counted = [(it, session.units)]  # "I need 12 mugs", then "the second one": 12
        for item, n in counted:
            session.quantities[item] = n
            if item not in session.liked_ids:  # a pick, as "i'll take it" is
                session.liked_ids = [*session.liked_ids, item]
        return counted

    def counted_said(self, session: Session, counted: list[tuple[int, int]]) -> str:
        """"3 x White metal lantern at £3.75 each is £11.25", and what the picks come to."""
        parts = []
        for item, n in counted:
            price = float(self.catalog.prices[item])
            cost = "" if not np.isfinite(price) else f" at £{price:.2f}" if n == 1 else \
                f" at £{price:.2f} each is £{price * n:.2f}"
            parts.append(f"{n} x {self.catalog.display_title(item)}{cost}")
        prices = [float(self.catalog.prices[i]) * n for i, n in counted]
        total = f" Together £{sum(prices):.2f}." if len(counted) > 1 and all(
            np.isfinite(p) for p in prices) else ""
        return (f"{'; '.join(parts)}.{total} I can only suggest products; I can't take orders. "
                "Say \"more\" for other suggestions.")

    def picks_said(self, session: Session, parsed: ParsedIntent) -> str:
        """The items pointed at ("the first and second"), else those picked so far, with their
        prices and what they come to; there is no basket here, and that is said."""
        shown = self.listed(session, parsed)
        pointed = self.anchored(session, parsed) + [
            i for place, count, _ in parsed.more_anchors for i in self.places(shown, place,
                                                                               count)]
        items = list(dict.fromkeys(pointed)) or [i for i in session.liked_ids
                                                 if i not in session.others_liked]
        if not items:
            return ("You have not picked anything yet: say \"the first one\" or a product's "
                    "name. I can only suggest products; I can't take orders.")
        prices = [float(self.catalog.prices[i]) for i in items]
        # "I need 20 party bags", then "how much for these?": 20 of each, as said
        counts = [session.quantities.get(i, session.units or 1) for i in items]
        listed = "; ".join((f"{n} x " if n > 1 else "") + self.catalog.display_title(i) + (
            f" £{p:.2f}" + (" each" if n > 1 else "") if np.isfinite(p) else "")
            for i, p, n in zip(items, prices, counts, strict=True))
        known = [p * n for p, n in zip(prices, counts, strict=True) if np.isfinite(p)]
        total = f" One of each comes to £{sum(known):.2f}." if len(known) > 1 else ""
        if any(n > 1 for n in counts) and known:  # "i'll take 3 of the first one"
            total = f" In the numbers you said, that comes to £{sum(known):.2f}."
        return (f"{'These' if len(items) > 1 else 'This'}: {listed}.{total} I can only suggest "
                "products; I can't take orders.")

    def describe_filters(self, filters: HardFilters) -> str:
        parts = [f"shopping for {' or '.join(filters.subject)}"] if filters.subject else []
        if filters.genres:
            parts.append("in " + (" and " if filters.genres_all else " or ").join(filters.genres))
        if filters.audience and not (filters.genres and set(filters.genres) <= set(
                filters.audience)):  # "an animated movie for my kids" says no more
            parts.append("for children" if self.catalog.name == "retail" else  # a category
                         "for children (" + " or ".join(filters.audience) + ")")
        if filters.exclude_genres:
            parts.append("no " + said_list([g.replace("+", " and ") + " together" if "+" in g
                                            else g for g in filters.exclude_genres]))
        if filters.cast:
            parts.append("starring " + said_list(filters.cast))
        if filters.exclude_cast:
            parts.append("without " + said_list(filters.exclude_cast))
        if filters.directors:
            parts.append("directed by " + said_list(filters.directors))
        if filters.exclude_directors:
            parts.append("not directed by " + said_list(filters.exclude_directors))
        where = " in the name" if self.catalog.name == "retail" else " in the title or summary"
        decades = [t for t in filters.topics if DECADE_WORD.fullmatch(t)]
        if decades:  # "set in the 1920s" (`settings_named`)
            parts.append("set or made in the " + " or ".join(decades))
        if series := [t for t in filters.topics if SERIES_TOPIC.fullmatch(t)]:
            # "in the Bond series"
            parts.append("in " + said_list([series_said(t) for t in series]))
        if kinds := [t for t in filters.topics if t in FILM_KINDS]:
            parts.append("only " + " or ".join(kinds))  # "only the prequels"
        parts += [SUBJECTS_SAID[t][0] for t in filters.topics if t in SUBJECTS_SAID]
        if topics := [t for t in filters.topics if t not in decades and t not in series
                      and t not in kinds and t not in SUBJECTS_SAID]:
            parts.append("naming " + said_list(topics) + where)
        if kinds := [k for k in filters.exclude_topics if k in FILM_KINDS]:
            # "no sequels", "no sequels, prequels or remakes": what the films are
            parts.append("no " + said_list(kinds))
        if gone := [t for t in filters.exclude_topics if DECADE_WORD.fullmatch(t)]:
            parts.append("not set or made in the " + " or ".join(gone))  # "no 80s movies"
        if years := [t for t in filters.exclude_topics if YEAR_TOPIC.fullmatch(t)]:
            parts.append("not from " + " or ".join(year_spans(years)))  # "but not from 2017"
        if series := [t for t in filters.exclude_topics if SERIES_TOPIC.fullmatch(t)]:
            # "no bond movies"
            parts.append("not in " + said_list([series_said(t) for t in series]))
        parts += [SUBJECTS_SAID[t][1] for t in filters.exclude_topics if t in SUBJECTS_SAID]
        if words := [t for t in filters.exclude_topics if t not in FILM_KINDS and not
                     DECADE_WORD.fullmatch(t) and not YEAR_TOPIC.fullmatch(t) and
                     t not in series and t not in SUBJECTS_SAID]:
            parts.append("not naming " + said_list(words) + where)
        low, high = filters.year_min, filters.year_max
        if low is not None and high is not None:
            parts.append(f"from {low} to {high}" if low < high else f"in {low}")
        elif low is not None:
            parts.append(f"from {low} on")
        elif high is not None:
            parts.append(f"before {high + 1}")  # "before 1990" is stored as year_max 1989
        if prices := price_bounds_said(filters.price_min, filters.price_max):
            parts.append(prices)
        if filters.new_only:
            parts.append("none you have ordered before")
        return ", ".join(parts)

    @staticmethod
    def not_understood_sentence(parsed: ParsedIntent) -> str:
        said = parsed.intent.search_text.strip()
        quoted = said if len(said) <= 60 else said[:57] + "..."
        if parsed.language:  # the words may be known ("film"), the message is not
            return (f"I only understand English so far, and \"{quoted}\" looks like "
                    f"{parsed.language}, so these suggestions may not follow it.")
        return f"I did not understand \"{quoted}\"."

    def not_found_sentence(self, titles: list[str]) -> str:
        names = " or ".join(titles[:3])
        # "gift cards", a product word in the plural: them; a title as written, or any film's
        # ("the matrix resurrections"): it
        plural_word = self.catalog.name == "retail" and titles[0].islower() and \
            titles[0].endswith("s")
        it = "it" if len(titles) == 1 and not plural_word else "them"
        if self.catalog.name == "retail":  # the words still go to the text search ("cycling"
            # showed bicycle clips, and the reply had said it was left out)
            return f"I don't know {names} yet, so I could not filter by {it}."
        return f"I don't know {names} yet, so I left {it} out."

    @staticmethod
    def unresolved_sentence(pronouns: list[str]) -> str:
        said = " or ".join(f'"{p}"' for p in pronouns[:2])
        return f"I could not tell who {said} is, so I did not use it: please name them."

    def asks_of_the_shop(self, parsed: ParsedIntent) -> bool:
        """Gift shop: the message only asks of the shop's service (`SHOP_SERVICES`: delivery,
        payment, returns), not of its products ("what size is it?"), and names no product,
        place in a list or constraint."""
        return self.catalog.name == "retail" and bool(parsed.unsupported) and \
            set(parsed.unsupported) <= SHOP_SERVICES and not parsed.said_now and \
            parsed.filters == HardFilters() and parsed.anchor_position is None and \
            not parsed.relative and not parsed.popular

    def unsupported_sentence(self, parsed: ParsedIntent, asked: bool = False) -> str:
        """What the message asked that no field of the catalogue holds, said so: `asked` of
        one item ("is Casino scary?"), as an answer that cannot be given."""
        what = " or ".join(parsed.unsupported)
        if asked:  # what is known of it follows (`asked_text`)
            return f"I can't say: I don't know the {what} of any of my {self.noun()}."
        return f"I don't know the {what} of these {self.noun()}, so I could not use that."

    def nothing_found(self, session: Session, reason: str,
                      parsed: ParsedIntent | None = None) -> str:
        """Why there is nothing to show, and what the message named that the catalogue
        lacks: every match already shown is not the same as no match at all."""
        unknown = f" {self.not_found_sentence(parsed.not_found)}" if parsed and \
            parsed.not_found else ""
        if parsed and parsed.unsupported:  # "do you deliver to ireland?" is answered all the same
            unknown += f" {self.unsupported_sentence(parsed)}"
        lost = f"{self.not_understood_sentence(parsed)} " if parsed and (
            parsed.not_understood or parsed.language) else ""
        constraints = self.describe_filters(session.filters)
        matching = int(filter_mask(self.catalog, session.filters).sum()) if constraints else 0
        if matching:  # shown or named in this conversation: not necessarily seen
            every, them = ("my only one", "it") if matching == 1 else (
                f"all {matching} of mine", "them")
            return (f"{lost}I have no more {self.noun()} matching {constraints}: I have shown "
                    f"you {every}, or you named {them}. Try relaxing one of those constraints."
                    f"{unknown}")
        if constraints:
            return (f"{lost}I found no {self.noun()} matching {constraints} ({reason}). Try "
                    f"relaxing one of those constraints.{unknown}")
        return f"{lost}I could not find anything new to suggest ({reason}).{unknown}"

    def _anchored_opinions(self, session: Session, parsed: ParsedIntent, liked: list[int],
                           disliked: list[int], seen: list[int], wanted: list[int]
                           ) -> tuple[list[int], list[int], list[int], list[int]]:
        """(liked, disliked, seen, wanted) after what the message says of the items it points
        at in the list shown: "I hated the last one", "I've seen the first two", "more like the
        second one", "I'll watch the third one"; a question about one ("is the first one
        scary?") changes nothing but a film taken up ("the second one sounds good, tell me
        more")."""
        for anchor, cue in self.pointed_at(session, parsed):
            if parsed.intent.kind == "ask" and cue != "wanted":
                continue
            if cue == "negative":
                liked = [i for i in liked if i != anchor]
                disliked = [i for i in disliked if i != anchor] + [anchor]
            elif cue in ("seen", "seen_by_other"):
                seen = [*seen, anchor]
            elif cue == "wanted" and parsed.anchor_likeness and anchor in liked:
                # "shawshank redemption", then "more like it": still liked, now the latest
                liked = [i for i in liked if i != anchor] + [anchor]
            elif cue == "wanted" or cue == "positive" and parsed.anchor_likeness and \
                    anchor not in liked:
                # not seen yet, taken up ("more like the second one" too): no like ("loved
                # X", then "actually I haven't seen it, heard it's good": the like goes)
                wanted = [*wanted, anchor]
                liked = [i for i in liked if i != anchor] if cue == "wanted" else liked
            elif cue == "forget":  # "forget the 2nd one": the pick or verdict taken back
                liked, disliked, seen, wanted = ([i for i in ids if i != anchor]
                                                 for ids in (liked, disliked, seen, wanted))
            elif cue == "unseen":  # "loved X", then "actually I haven't seen it": no like
                liked = [i for i in liked if i != anchor]
                seen = [i for i in seen if i != anchor]
            else:  # a like: the most recent counts most
                liked = [i for i in liked if i != anchor] + [anchor]
                disliked = [i for i in disliked if i != anchor]
        return liked, disliked, seen, wanted

    def noted(self, session: Session, held: dict[str, set[int]],
              parsed: ParsedIntent) -> list[str]:
        """What this turn added to the films wanted, seen or set aside, said so that a
        misreading can be taken back (titles set aside by name are said with the list)."""
        def new(name: str, said_elsewhere: set[int] = frozenset()) -> str:
            ids = [i for i in getattr(session, name) if i not in held[name]
                   and i not in said_elsewhere]
            whole = self.whole_series(ids)  # "I have seen all the indiana jones movies"
            ids = [i for i in ids if i not in whole[1]]
            names = [f"every film of {series_said(whole[0] + ' series')} I know"] * bool(
                whole[0]) + [self.catalog.display_title(i) for i in ids[:3]]
            if len(ids) > 3:
                names.append(f"{len(ids) - 3} more")
            return ", ".join(names[:-1]) + " and " + names[-1] if len(names) > 1 else \
                "".join(names)
        out = []
        if wanted := new("wanted_ids", set(parsed.like_anchor_ids)):  # "like X" says those
            out.append(f"I noted that you want to see {wanted}.")
        if seen := new("seen_ids"):  # on the shop, "I already have that one"
            # on the shop: owned, or seen in a shop; either way not shown again
            out.append(f"I won't show {seen} again." if self.catalog.name == "retail"
                       else f"I noted that you have seen {seen}.")
        # a series set aside is said by the constraints ("not in the Star Wars series")
        in_series = {i for topic in session.filters.exclude_topics
                     for i in self.catalog.series_topic_films(topic)}
        if aside := new("disliked_ids", {*parsed.said_now, *in_series}):
            out.append(f"I set aside {aside}.")
        return out

    def whole_series(self, ids: list[int]) -> tuple[str, set[int]]:
        """A series of three films or more that `ids` hold whole, and its films and records
        ("Indiana Jones"); ("", set()) for none."""
        for item in ids[:MAX_LIST_SIZE]:
            spelling, films = self.catalog.series_films(self.catalog.titles[item])
            if len(films) >= 3 and set(films) <= set(ids):
                return spelling, {*films, *self.catalog.series_records(spelling)}
        return "", set()

    def pointed_at(self, session: Session, parsed: ParsedIntent) -> list[tuple[int, str]]:
        """(item, what the words say of it) for each item the message points at without
        naming it: "the second one" in the list shown, or "it" for the item the turn before
        described ("what's Inception about?", then "I liked it")."""
        if parsed.anchor_position is not None and (named := self.them_named(session)):
            return [(item, parsed.anchor_cue) for item in named]
        if parsed.anchor_position is not None:
            pointed = [(item, parsed.anchor_cue) for item in self.anchored(session, parsed)]
            shown = self.listed(session, parsed)
            pointed += [(item, cue) for start, count, cue in parsed.more_anchors
                        for item in self.places(shown, start, count)]
            return [(self.taken_back_place(session, parsed, item), cue) if cue == "forget"
                    else (item, cue) for item, cue in pointed]
        if parsed.pronoun_cue is not None and (it := self.it(session)) is not None:
            return [(it, parsed.pronoun_cue)]
        return []

    def them_named(self, session: Session) -> list[int]:
        """The films the person's message before named, where this one gives a verdict of
        "them" ("i watched alien and aliens", then "hated them": a first version had set
        aside the five films shown); empty otherwise ("thrillers", then "hated them tbh" is
        of the list)."""
        users = user_texts(session)
        if not users or plural_verdict(users[-1]) is None:
            return []
        named = self.named_before(session)
        return named if len(named) > 1 else []

    def taken_back_place(self, session: Session, parsed: ParsedIntent, item: int) -> int:
        """The item "forget the second one" takes back: the one at that place in the list
        shown last, unless nothing was said of it and the list before holds, at the same
        place, the one the person liked or picked ("I loved the second one", a new list, then
        "forget the second one")."""
        said = {*session.liked_ids, *session.disliked_ids, *session.seen_ids,
                *session.wanted_ids}
        shown = self.listed(session, parsed) or []
        if item in said or parsed.list_ref is not None or len(session.shown_lists) < 2 or \
                item not in shown:
            return item
        before = session.shown_lists[-2]
        at = shown.index(item)
        return before[at] if at < len(before) and before[at] in said else item

    def it(self, session: Session) -> int | None:
        """The item "it" means: the one the turn before described, the only one shown, or
        the only title the person's message before named ("I liked Titanic", then "no wait,
        I actually hated it")."""
        if session.asked_id is not None:
            return session.asked_id
        if len(session.last_shown_ids) == 1:
            return session.last_shown_ids[0]
        named = self.named_before(session)
        return named[0] if len(named) == 1 else None

    def named_before(self, session: Session) -> list[int]:
        """The items the person's message before this one named."""
        users = user_texts(session)
        return read_message(users[-2], self.catalog, self.parser.linker).mentioned_ids \
            if len(users) > 1 else []

    def unclear_it(self, session: Session, parsed: ParsedIntent) -> str:
        """Said when the message speaks of "it" and nothing says what it is: no item was
        just described, and neither this message nor the one before names a title."""
        asks = parsed.intent.kind == "ask" and parsed.about_it
        # "I've seen it" alone means the list's first item (seen_last); a verdict or a pick
        # ("just watched it, loved it", "we'll watch that one") must say which
        verdict = parsed.pronoun_cue in VERDICT_CUES
        if parsed.pronoun_cue not in ("positive", "negative", "seen", "wanted") and not asks or \
                self.it(session) is not None or parsed.said_now or \
                "seen_last" in parsed.relative and not verdict:
            return ""
        if self.named_before(session) or parsed.it_genre:
            # "I loved Heat and Alien" then "hated it": the re-read decides; "my boyfriend
            # loves horror but i hate it": the genre
            return ""
        users = user_texts(session)
        said = IT_WORDS.search(users[-1]) if users else None  # "why that one?": not "it"
        word = said.group(0).lower() if said else "it"
        return (f"I could not tell which of the {self.noun()} \"{word}\" is, so I did not use "
                "it: please name it or say \"the first one\".")

    @staticmethod
    def anchored(session: Session, parsed: ParsedIntent) -> list[int]:
        """The items of the list shown last that "the second one", "the last two", "all of
        them" point at."""
        if parsed.anchor_position is None:
            return []
        shown = Assistant.listed(session, parsed) or []
        left_out = {shown[p] for p in parsed.anchor_except if -len(shown) <= p < len(shown)}
        return [i for i in Assistant.places(shown, parsed.anchor_position, parsed.anchor_count)
                if i not in left_out]

    @staticmethod
    def listed(session: Session, parsed: ParsedIntent) -> list[int] | None:
        """The list the message's places are in: the one shown last, or the earlier one it
        names ("the 3rd one from the first list", "from 2 lists ago"); None where no such list
        was shown."""
        if parsed.list_ref is None:
            return session.last_shown_ids
        lists = session.shown_lists or [session.last_shown_ids]
        kind, n = parsed.list_ref
        if kind == "first":
            return lists[n] if n < len(lists) else None
        if kind == "before":  # "you showed me before": the one shown last if it is the only one
            return lists[-2] if len(lists) > 1 else session.last_shown_ids
        return session.last_shown_ids if n == 0 else lists[-1 - n] if n < len(lists) else None

    def no_such_list(self, session: Session, parsed: ParsedIntent) -> str:
        """Said when the message points into a list that was never shown ("the 2nd one from 3
        lists ago" after two lists); "" otherwise."""
        if parsed.list_ref is None or self.listed(session, parsed) is not None or (
                parsed.anchor_position is None and not parsed.place_quantities):
            return ""  # "the second round please" points at no place
        shown = len(session.shown_lists or [session.last_shown_ids] * bool(
            session.last_shown_ids))
        return (f"I have shown you {'only ' * bool(shown)}{shown or 'no'} "
                f"list{'' if shown == 1 else 's'} so far, so I can't tell which one you mean. "
                "Say its name, or \"the first one\" for the list shown last.")

    @staticmethod
    def places(shown: list[int] | None, start: int, count: int) -> list[int]:
        """The items of `shown` (a list shown: `listed`) at positions start .. start + count
        - 1."""
        shown = shown or []
        positions = range(start, start + count)
        return list(dict.fromkeys(shown[p] for p in positions if -len(shown) <= p < len(shown)))

    def asked_items(self, session: Session, parsed: ParsedIntent) -> list[int]:
        """The items a question is about: the one it names, else those its places point at in
        the list shown last ("the first one", "the first and third", "all of them"; read
        before this turn shows another)."""
        if parsed.intent.kind != "ask":
            return []
        # only what this message names: liked_ids also holds the earlier messages' likes,
        # re-read, and "what is the second one about?" after "I loved Toy Story" is not about it
        if parsed.said_now and parsed.asks == "compare":  # "Alien or Aliens?": each
            return list(parsed.said_now)
        if parsed.said_now:
            return [self.of_series(parsed.said_now[0], user_texts(session)[-1])]
        if parsed.about_it:  # "who directed it?" after "what's Inception about?"
            it = self.it(session)
            return [it] if it is not None else []
        shown = self.listed(session, parsed) or []
        places = [(parsed.anchor_position, parsed.anchor_count),
                  *((position, count) for position, count, _ in parsed.more_anchors)]
        out: list[int] = []
        for position, count in places:
            if position is not None and -len(shown) <= position < len(shown):
                start = position % len(shown)
                out += shown[start : start + count]
        return list(dict.fromkeys(out))

    def asked_item(self, session: Session, parsed: ParsedIntent) -> int | None:
        """The first item a question is about (`asked_items`), or None."""
        return next(iter(self.asked_items(session, parsed)), None)

    def answer(self, item: int, asks: str | None, session: Session) -> str:
        """The direct answer a question asked ("who directed it?", "why Jaws 2?": the reason
        its card gives, from what the person likes now), before the description; what the
        catalogue does not hold is said."""
        title = self.catalog.display_title(item)
        if asks == "why":
            return self.why(item, session)
        if asks == "director":
            names = self.catalog.directors_of(item)
            return (f"{title} was directed by {' and '.join(names)}. " if names else
                    f"I don't know who directed {title}. ")
        if asks == "cast":
            names = self.catalog.cast[item][:4]
            return (f"{title} stars {', '.join(names)}. " if names else
                    f"I don't know who is in {title}. ")
        if asks == "year":
            year = int(self.catalog.years[item])
            return f"{title} came out in {year}. " if year > 0 else \
                f"I don't know when {title} came out. "
        if asks == "compare":  # no ratings, reviews or running times: what each one is
            return f"I can't weigh {self.noun()} against each other, but here is each: "
        return ""

    def why(self, item: int, session: Session) -> str:
        """Why `item` was suggested: the reason its card gives, from what the person likes now;
        or that it was not suggested (read before the turn's own list is shown)."""
        title = self.catalog.display_title(item)
        if item in session.liked_ids and item not in session.shown_ids:
            return f"You told me you liked {title}; I did not suggest it. "
        if item not in session.shown_ids:
            return f"I have not suggested {title}. "
        # suggested, maybe picked since ("the first one", then "why that one?"): never
        # "because you liked" itself
        because = self.explainer.most_similar_liked(
            item, [i for i in session.liked_ids if i != item])
        return f"Why {title}? " + self.explainer.template_reason(
            item, because, self.query_for(session)) + " "

    def new_recipient_named(self, session: Session) -> str | None:
        """Gift shop: who the latest message says a gift is for ("your dad"), the first time
        the conversation names them; None otherwise (nothing in the shop says who a product
        suits, so the reply says it did not use it)."""
        if self.catalog.name != "retail":
            return None
        users = user_texts(session)
        if not users or (m := RECIPIENT.search(users[-1])) is None:
            return None
        who = m.group("who").lower()
        if any(who in (n.group("who").lower() for n in RECIPIENT.finditer(u)) for u in users[:-1]):
            return None
        whose = (m.group("whose") or "").lower()
        return ("your " + who) if whose in ("my", "our") else f"{whose} {who}".strip()

    def watcher_unknown(self, parsed: ParsedIntent, users: list[str]) -> tuple[str, str] | None:
        """Films: who the latest message asks a film for or to watch with ("something for my
        dad", `rules.watcher_named`) where it reads nothing of what they like (no film, kind,
        person, year or mood; "for my kids" reads an audience), so the reply asks; else None."""
        if self.catalog.name != "movies" or not users or parsed.said_now or parsed.moods or \
                parsed.relative or parsed.filters != HardFilters() or parsed.not_found:
            return None
        return watcher_named(users[-1])

    def gift_for_grown_up(self, session: Session) -> bool:
        """Gift shop: the last person the conversation says a gift is for is grown up ("for
        my mum"), and no child is asked for since."""
        held = session.filters
        if self.catalog.name != "retail" or held.audience or "children" in held.genres or \
                "children" in held.exclude_genres:  # (set aside already: nothing to move)
            return False
        named = [m for text in user_texts(session) for m in RECIPIENT.finditer(text)]
        who = named[-1].group("who").lower().split()[-1] if named else ""
        return who in GROWN_UPS or who.removesuffix("s") in GROWN_UPS

    def children_last(self, candidates: Candidates) -> Candidates:
        """The candidates with the products made for children (their category, or a name
        that says so: "Childs garden trowel", as "nothing for kids" reads names) after the
        others."""
        named = self.catalog.topic_mask(CHILD_NAME_WORDS)
        genres = self.catalog.genres
        return put_last(candidates, lambda i: bool(named[i]) or "children" in genres[i])

    def past_babyhood(self, session: Session) -> bool:
        """Gift shop: the last age the conversation states is a child's past babyhood ("a gift
        for a 5 year old boy": baby gift sets had come first)."""
        ages = [age for text in user_texts(session) for age in stated_ages(text)]
        return self.catalog.name == "retail" and bool(ages) and BABY_AGE < ages[-1] <= CHILD_AGE

    def babies_last(self, candidates: Candidates) -> Candidates:
        """The candidates with the products whose names say they are for babies after the
        others."""
        named = self.catalog.topic_mask(BABY_NAME_WORDS)
        return put_last(candidates, lambda i: bool(named[i]))

    def gift_asked(self, session: Session) -> bool:
        """Gift shop: the conversation asks for a gift ("a birthday gift for my sister") and
        nothing a gift comes in (cards, wrap: `GIFT_TRIMMINGS`) is asked for by name."""
        users = user_texts(session)
        held = session.filters
        asked = " ".join([*held.subject, *held.topics, *held.genres, users[-1] if users else ""])
        return self.catalog.name == "retail" and any(GIFT_WORD.search(u) for u in users) and \
            not GIFT_TRIMMINGS.search(asked)

    def trimmings_last(self, candidates: Candidates) -> Candidates:
        """The candidates with what a gift comes in (a card, wrap, tags) after the gifts."""
        return put_last(candidates, lambda i: bool(GIFT_TRIMMINGS.search(self.catalog.titles[i])))

    def changes(self, before: HardFilters, parsed: ParsedIntent, dropped: str) -> list[str]:
        """What this turn did to the constraints said before (`before`), in words: what the
        message took back, and (`dropped`, from `_relax`) what no longer fitted."""
        said = []
        released = self.describe_filters(taken_back(before, apply_release(before,
                                                                           parsed.release)))
        if released and parsed.new_recipient:
            said.append(("A gift" if self.catalog.name == "retail" else "Something") +
                        f" for someone new, so I dropped what you asked for the last one: "
                        f"{released}.")
        elif released:
            said.append(f"As you asked, I dropped: {released}.")
        if dropped:
            said.append("Nothing matched that together with what you asked before, so I dropped "
                        f"what no longer fits: {dropped}.")
        return said

    def asked_text(self, asked: int, asks: str | None, session: Session,
                   said: str | None = None, brief: bool = False) -> str:
        """The answer to a question about one item: what is asked (`said`, when worked out
        already), then what it is (`brief`: shorter, one of several asked about)."""
        item = self.catalog.item(asked)
        # whole sentences: a cut one ran into the next ("The film also Here are 5 ...")
        facts = list(self.catalog.genres[asked])
        if item.price is not None:  # "how much is it?"
            facts.append(f"£{item.price:.2f}")
        kinds = f" ({', '.join(facts)})" if facts else ""
        # a product's name says what it is: no shop product has a description to miss
        about = short_description(item.description, BRIEF_ABOUT if brief else ABOUT) or (
            "I have no description of it." if any(self.catalog.descriptions) else "")
        if not about:
            return (self.answer(asked, asks, session) if said is None else said) + \
                f"{self.catalog.display_title(asked)}{kinds}."
        return (self.answer(asked, asks, session) if said is None else said) + \
            f"{self.catalog.display_title(asked)}{kinds}: {about}"

    def reply_text(self, session: Session, parsed: ParsedIntent, n: int,
                   changes: list[str] | None = None, asked: int | None = None,
                   said: str | None = None, more: Sequence[int] = ()) -> str:
        """The reply in words; `changes`: sentences on what the turn did to what was said
        before (`changes`, a restart, a version switch); `asked`: the item a question was
        about, described first (`said`: the answer to it, when worked out already), then
        `more`, the other items it was about."""
        parts = []
        if parsed.not_understood or parsed.language:
            parts.append(self.not_understood_sentence(parsed))
        if "overview" in parsed.relative:  # "what do you sell?": the whole, said first
            parts.append(self.overview())
        asked_here = asked is not None and self.catalog.has(asked)
        if asked_here and parsed.unsupported:  # "how long is it?": what is not known, first
            parts.append(self.unsupported_sentence(parsed, asked=True))
        shop_asked = self.asks_of_the_shop(parsed) and not asked_here
        if shop_asked:  # "do you deliver to france?": answered first, no list of its words
            parts.append(f"I can't tell you about {' or '.join(parsed.unsupported)}: I know "
                         "only my products' names, prices and categories.")
        if asked_here:
            parts.append(self.asked_text(asked, parsed.asks, session, said, bool(more)))
            parts += [self.asked_text(i, more_asked(parsed.asks), session, brief=True) for i in more
                      if self.catalog.has(i)]
        naming = self.naming(session)
        basis = [] if naming else [self.catalog.display_title(i)
                                   for i in self.basis(session)[-3:]]
        if session.purchases:
            n_orders = len(session.purchases)
            basis.insert(0, f"your {n_orders} past order{'s' if n_orders != 1 else ''}")
        understood = f" based on {', '.join(basis)}" if basis else ""
        if "shown_again" in parsed.relative:  # an earlier list, as it was: no constraint said
            basis, understood = [], ""
        together = self.together_found(session)
        if together:  # what was asked is what they are: no basis of taste to name
            basis, understood = [], f" that shoppers bought with {together}"
        # "something like Moana" of a film only wanted: no like of it, still what is asked for
        if likeness := [self.catalog.display_title(i) for i in parsed.like_anchor_ids
                        if i in session.wanted_ids]:
            understood += f"{', and' if basis else ''} like {', '.join(likeness)}"
        constraints = "" if naming else self.describe_filters(session.filters)
        if constraints and "shown_again" not in parsed.relative:
            understood += f" ({constraints})"
        if parsed.ambiguous:
            understood += f"; I read {', '.join(parsed.ambiguous[:2])} as the best-known title"
        period = getattr(self._popularity_source(), "period", "")
        noun = self.noun() if n != 1 else self.noun().removesuffix("s")  # "1 movie"
        arrivals = parsed.popular == "new" and self.knows_arrivals()
        best = parsed.popular in ("best", "new")
        what = (f"{n} new {noun}" if arrivals
                else f"our {n} best seller{'s' * (n != 1)} of {period}" if best and period
                else f"our {n} most popular {noun}" if best
                else f"{n} {noun}")
        parts.append(f"Here {'are' if n != 1 else 'is'} {what} for you{understood}.")
        if parsed.popular == "less":
            known = "best sellers" if self.catalog.name == "retail" else \
                f"{self.noun()} people mention most"
            parts.append(f"I have no review scores to tell an underrated one, so these leave out "
                         f"the {len(self.best_known):,} {known}.")
        if arrivals:
            parts.append(f"New means first sold in {period}; the best sellers of them come first.")
        elif parsed.popular == "new":
            parts.append(f"I don't know when my {self.noun()} first sold, so these are our best "
                         "sellers.")
        if session.together_ids and not together:
            parts.append(f"I know of no order that held {self.together_titles(session)} with "
                         f"another product{' that fits' * bool(constraints)}, so these are "
                         "picked as usual.")
        bought = {i for order in session.purchases for i in order}
        repeats = sum(i in bought for i in session.last_shown_ids)
        if repeats:  # a next basket is mostly repeats: say how to get past them
            parts.append(f"{'All' if repeats == n else repeats} of these you have ordered before;"
                         " say \"something new\" for products you have not.")
        parts.extend(changes or [])
        # this message's dislikes and set-aside titles, not every earlier one again
        set_aside = [self.catalog.display_title(i) for i in parsed.disliked_ids
                     if i in parsed.said_now and i in session.disliked_ids][:3]  # a like kept
        if set_aside:
            parts.append(f"I set aside {said_list(set_aside, 'and')}.")
        # said once, not on every re-read; what "scratch that" took back is said too
        meant = [i for i in parsed.said_now if i not in parsed.corrected]
        forgotten = [self.catalog.display_title(i) for i in parsed.forget_ids
                     if i in parsed.said_now and i not in parsed.corrected or
                     i in parsed.corrected and not meant] + [
            self.catalog.display_title(i) for i in parsed.pointed_forget]
        forgotten = forgotten[:3]
        if forgotten:
            parts.append(f"I forgot what you said of {' and '.join(forgotten)}.")
        if parsed.corrected and meant:
            taken = " and ".join(self.catalog.display_title(i) for i in parsed.corrected)
            parts.append(f"I took {taken} back: you meant "
                         f"{' and '.join(self.catalog.display_title(i) for i in meant[:2])}.")
        if parsed.takes_back and not parsed.corrected and not parsed.release:  # nothing
            examples = '"forget mugs", "forget the budget"' if self.catalog.name == "retail" \
                else '"forget Titanic", "forget horror"'
            parts.append(f"I could not tell what to take back: name it ({examples}) or say "
                         "\"start over\".")
        if parsed.not_found:
            parts.append(self.not_found_sentence(parsed.not_found))
        if parsed.unresolved:
            parts.append(self.unresolved_sentence(parsed.unresolved))
        if span := next((r.split(":")[1:] for r in parsed.relative
                         if r.startswith("long_span:")), None):
            low, high = span
            parts.append(f"I can leave out at most {MAX_YEARS_SET_ASIDE + 1} single years, so "
                         f"{low} to {high} is not left out: say \"before {low}\" or \"after "
                         f"{high}\" instead.")
        if (life := self.life_span(session, parsed)) and life[1] is None:
            parts.append("I don't know when you were born, so I could not tell which years you "
                         "mean: tell me your age or the year you were born.")
        elif life and life[2]:  # counted from an age: said, so it can be corrected
            parts.append(f"From your age I counted {life[1]} as the year you were born.")
        if "newest" in parsed.relative and self.catalog.name == "movies":
            parts.append(f"My newest movies are from {self.newest_year()}.")
        if each := [r.split(":") for r in parsed.relative if r.startswith("each")]:
            kind, total, count = each[0]  # "£40 altogether for 6", "about £30 total for 6"
            share = f"£{float(total):.2f} in all for {count} is " \
                f"£{float(total) / int(count):.2f} each"
            low, high = session.filters.price_min, session.filters.price_max
            parts.append(f"About {share}, so I looked from £{low:.2f} to £{high:.2f}." if
                         kind == "each_about" and low is not None and high is not None else
                         f"{share}, so that is the limit I used.")
        if "currency" in parsed.relative and self.catalog.name == "retail":
            parts.append("My prices are in pounds, so I read your sum as pounds.")
        if watcher := self.watcher_unknown(parsed, user_texts(session)):
            who, they = watcher
            verb = "like" if they == "they" and who.endswith("s") else "likes"  # "parents"
            parts.append(f"I don't know what {who} {verb}: tell me a film {they} loved and I'll "
                         "find ones like it.")
        if (who := self.new_recipient_named(session)) is not None:
            parts.append(f"My products have names only, so I can't tell which suit {who}" + (
                "; those made for children come last." if self.gift_for_grown_up(session)
                else "."))
        if parsed.unsupported and not asked_here and not shop_asked:
            parts.append(self.unsupported_sentence(parsed))
        if parsed.occasion and self.catalog.name == "retail":  # "a housewarming gift"
            parts.append(f"I can't tell which {self.noun()} suit \"{parsed.occasion}\": my "
                         f"{self.noun()} have names only.")
        elif parsed.occasion:  # "a good movie for a rainy sunday": said, not matched as words
            parts.append(f"I can't tell which {self.noun()} suit \"{parsed.occasion}\", so I "
                         "did not use that.")
        if parsed.moods:
            parts.append(f"I have no mood tags, so I matched \"{', '.join(parsed.moods)}\" "
                         f"against {self.matched_text()}.")
        if parsed.exclude_moods:
            parts.append(f"I have no mood tags, so I could not leave out "
                         f"{' or '.join(parsed.exclude_moods)} {self.noun()}.")
        if (unread := self.read_nothing(parsed) or naming) and not session.together_ids and not (
                SAME_KIND.search(unread) and (session.liked_ids or session.wanted_ids)):
            # ("anything similar?" after a product liked asks for its kind, "what goes with
            # mugs?" what is bought with them: read)
            if self.catalog.name == "movies" and NAMING_A_FILM.search(unread):
                parts.append(f"I read \"{unread}\" as a film you are trying to name and matched "
                             f"it against {self.matched_text()}: the closest first.")
            else:
                parts.append(f"I found nothing in \"{unread}\" I can filter by, so I matched its "
                             f"words against {self.matched_text()}.")
        return " ".join(parts)

    def together_found(self, session: Session) -> str:
        """The products asked what goes with, said, where every item shown was bought with
        one of them; "" otherwise (the list was then made as any other)."""
        shown = session.last_shown_ids
        if not session.together_ids or not shown or any(
                self.explainer.bought_with(i, session.together_ids) is None for i in shown):
            return ""
        return self.together_titles(session)

    def together_titles(self, session: Session) -> str:
        """"Party bunting", "Regency cakestand 3 tier or Party bunting", or "one of the 6
        products named "paper chain kit"" (from the message that asked, "cheaper ones" after
        it too): each item shown was bought with one of them, maybe not all."""
        ids = session.together_ids
        asked = next((u for u in reversed(user_texts(session)) if BOUGHT_TOGETHER.search(u)), "")
        if len(ids) > 3 and (phrase := self.together_phrase(asked)):
            return f"one of the {len(ids)} products named \"{phrase}\""
        titles = [self.catalog.display_title(i) for i in ids[:3]]
        return said_list(titles + [f"{len(ids) - 3} more"] * (len(ids) > 3), "or")

    def matched_text(self) -> str:
        """What free words are matched against: the gift shop's products have names only."""
        return "the product names" if self.catalog.name == "retail" else \
            f"the {self.noun()}' descriptions"

    def verdict_on_unknown(self, session: Session, parsed: ParsedIntent,
                           text: str) -> ParsedIntent:
        """"I enjoyed knives out and parasite": a verdict on words from which nothing else was
        read, each name of them made with a word people hardly ever write in conversation:
        films we do not hold, said back as such (their words had been searched, and Forks Over
        Knives came first); "I love animals", "I enjoy long walks" are still words. Films asked
        to be like words from which nothing was read are judged so too, a name of ordinary
        words counting ("movies like the office": `names_unknown_film(likeness=True)`). The
        message is judged alone: what earlier messages said is read into `parsed` too."""
        verdict = (VERDICT_ON_WORDS.match(text) or LIKENESS_ON_WORDS.match(text)) \
            if self.catalog.name == "movies" else None
        if verdict is None:
            return parsed
        likeness = verdict.re is LIKENESS_ON_WORDS
        alone = parsed if len(user_texts(session)) == 1 else \
            self.rules_parser.parse([Message(role="user", text=text)])
        # "movies like the office": nothing read, though "office" is no word to search
        if self.read_something(alone) if likeness else not self.read_nothing(alone):
            return parsed
        names = [n.strip() for n in NAME_LIST_JOINER.split(verdict.group("object"))]
        if not all(names) or len(names) > MAX_NAMES_UNKNOWN or not all(
                self.parser.linker.names_unknown_film(n, likeness) for n in names):
            return parsed
        return replace(parsed, not_found=names)

    def read_nothing(self, parsed: ParsedIntent) -> str:
        """The message, where it asked for something in words from which nothing was read
        ("oscar winners", "what's playing at the drive-in"): said back, so no one takes them
        for a filter; "" where something was read (a title named, "start over"), the words
        only ask ("recommend me something", "a gift for my mum"), or speak of "it"."""
        text = parsed.intent.search_text.strip()
        if self.read_something(parsed) or parsed.intent.kind not in ("recommend", "refine") or \
                len(text) > 80 or IT_WORDS.search(text) or starts_over(text, self.parser.linker):
            return ""
        # "what's good for a secret santa?": what the gift is for, no words matched
        return text if content_words(STOCKING.sub(" ", text)) else ""

    @staticmethod
    def read_something(parsed: ParsedIntent) -> bool:
        """Whether anything was read from the message: a title, a constraint, a reference."""
        read = (parsed.said_now, parsed.liked_ids, parsed.disliked_ids, parsed.seen_ids,
                parsed.wanted_ids,
                parsed.forget_ids, parsed.not_found, parsed.unsupported, parsed.moods,
                parsed.occasion,
                parsed.exclude_moods, parsed.relative, parsed.people_pronouns,
                parsed.film_people,
                parsed.unresolved, parsed.ambiguous, parsed.release, parsed.popular,
                parsed.not_understood, parsed.language, parsed.pronoun_cue,
                parsed.anchor_position is not None, parsed.filters != HardFilters(),
                parsed.version, parsed.takes_back)  # "no I mean the 1995 one", "jk"
        return any(read)


# a verdict on words, past: "I enjoyed knives out and parasite", "we really loved encanto"
VERDICT_ON_WORDS = re.compile(
    r"^\W*(?:i|we)\s+(?:(?:really|absolutely|totally|just|also|truly)\s+)*"
    # (said of something watched: "I love hiking", "I enjoy long walks" are pastimes)
    r"(?:loved|liked|enjoyed|adored|hated|disliked)\s+"
    r"(?P<object>[^.!?,;:()]+?)\s*(?:[.!?,;:].*)?$", re.I | re.S)
# films like words: "movies like the office", "anything similar to breaking bad?" (probe
# 2026-12-08: said nothing, and popular picks followed)
LIKENESS_ON_WORDS = re.compile(
    r"^\W*(?:(?:(?:can|could) you\s+|please\s+)?(?:recommend|suggest|give me|show me|find)"
    r"(?:\s+me)?\s+|(?:i|we)\s+(?:want|need|would like|'d like)\s+|(?:i'?m|we'?re)\s+"
    r"looking for\s+|(?:are there|is there|do you have|got)\s+)?(?:(?:any|some)\s*(?:thing|"
    r"one)|movies?|films?|shows?|stuff)\s+(?:(?:just|kind of|sort of|a bit|a lot)\s+)?"
    r"(?:like|similar to)\s+(?P<object>[^.!?,;:()]+?)\s*(?:[.!?,;:].*)?$", re.I | re.S)
NAME_LIST_JOINER = re.compile(r"\s*(?:&|\band\b|\bor\b|\bplus\b)\s*", re.I)
MAX_NAMES_UNKNOWN = 4


def more_asked(asks: str | None) -> str | None:
    """What a question asks of each item after the first: the same ("who directed the first
    and second?"), but for a comparison, whose answer opens the reply once."""
    return None if asks == "compare" else asks


def put_last(candidates: Candidates, last: Callable[[int], bool]) -> Candidates:
    """The candidates with those `last` holds for after the others, each part in its order."""
    ids = candidates.item_id_list()
    moved = [i for i in ids if last(i)]
    if not moved:
        return candidates
    held = set(moved)
    order = [i for i in ids if i not in held] + moved
    return Candidates(item_ids=np.array(order, dtype=np.int64),
                      scores=np.linspace(1.0, 0.5, len(order)))
