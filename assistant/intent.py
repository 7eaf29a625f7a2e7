"""Intent parsing: rules and the trained mention-sentiment model always, plus LLM call #1
(JSON-schema constrained), merged and guarded.

The deterministic reading is the floor: the rules find titles, constraints and requests; the
mention-sentiment model (assistant/sentiment.py), when loaded, decides liked / disliked / neutral
for every mentioned item in its context (without it the rules' cue words decide, and
`fallbacks` says so). The LLM can add titles and constraints, but an LLM title that links to
nothing in the catalogue, or that the person wrote as a title the catalogue lacks, is dropped,
and nothing the deterministic reading found is lost.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass, field, replace

from langchain_core.language_models import BaseChatModel
from langchain_core.messages import BaseMessage
from rapidfuzz import fuzz

from assistant.emoji import emoji_words
from assistant.linking import TitleLinker
from assistant.llm import LLMError, structured_call
from assistant.opinions import LATER_MESSAGES, mentions_in, read_opinions
from assistant.release import CLEARED, Release, apply_release
from assistant.rules import RuleReading, has_verdict, pronoun_verdict, read_message
from assistant.sentiment import MentionSentiment, merge_reading
from core.catalog import Catalog, normalize_title
from core.settings import LLMSettings
from core.types import Constraints, HardFilters, Intent, Message
from prompts import load_prompt

CONTEXT_MESSAGES = 6
NO_LIKE_CUES = ("unseen", "seen", "seen_by_other", "wanted", "asked")
MAX_MESSAGE_CHARS = 1200  # per message in the prompt; a small model needs a short context


@dataclass
class ParsedIntent:
    intent: Intent
    liked_ids: list[int] = field(default_factory=list)
    disliked_ids: list[int] = field(default_factory=list)
    seen_ids: list[int] = field(default_factory=list)
    wanted_ids: list[int] = field(default_factory=list)  # not seen, wanted (sentiment.py)
    # named as not seen, seen, wanted, doubted or asked about: no LLM may read a like of them
    no_like_ids: list[int] = field(default_factory=list)
    # named only as what to be like ("something like Moana"): no like of a film wanted unseen
    like_anchor_ids: list[int] = field(default_factory=list)
    # the latest message's films asked about ("what's Jaws about?", "is Heat better than
    # Casino?"): what the list is close to, never cited as liked
    asked_ids: list[int] = field(default_factory=list)
    # liked by someone else ("my sister loved Up"): recommended from, never cited as the person's
    others_liked: dict[int, str] = field(default_factory=dict)  # item -> "your sister"
    filters: HardFilters = field(default_factory=HardFilters)
    relative: list[str] = field(default_factory=list)
    anchor_position: int | None = None
    anchor_count: int = 1  # the list items referred to from anchor_position on
    anchor_cue: str = "positive"  # negative / seen / unseen / positive, as the words say
    anchor_likeness: bool = False  # "more like the second one": what to be like, no verdict
    # further places pointed at, each (position, count, cue): "loved the first, hated the last"
    more_anchors: list[tuple[int, int, str]] = field(default_factory=list)
    genre_join: str | None = None  # "or a musical" / "and funny": added to the genres before
    set_aside_ids: list[int] = field(default_factory=list)  # "but not Fight Club": no verdict
    anchor_except: list[int] = field(default_factory=list)  # "all of them except the last one"
    list_ref: tuple[str, int] | None = None  # the list the places are in (rules.list_reference)
    fallbacks: list[str] = field(default_factory=list)
    ambiguous: list[str] = field(default_factory=list)
    not_found: list[str] = field(default_factory=list)  # titles written that the catalogue lacks
    popular: str = ""  # "best" ("best sellers", "trending"), "new" ("what's new?") or ""
    unsupported: list[str] = field(default_factory=list)  # asked, the catalogue cannot tell
    moods: list[str] = field(default_factory=list)  # matched against descriptions only
    occasion: str = ""  # "a rainy sunday": no field says which films suit it
    not_understood: bool = False  # no word of the message is known
    exclude_moods: list[str] = field(default_factory=list)  # cannot be left out
    # genres set aside only by degree ("not too cheesy"): genre -> the word (rules.MILD_CUE)
    mild_exclude_genres: dict[str, str] = field(default_factory=dict)
    # "not directed by him": (pronoun, role, set aside), resolved against the conversation
    people_pronouns: list[tuple[str, str, bool]] = field(default_factory=list)
    # "more from that director": (phrase, role, set aside, film or -1), resolved against the
    # conversation's films (`orchestrator.with_film_people`)
    film_people: list[tuple[str, str, bool, int]] = field(default_factory=list)
    unresolved: list[str] = field(default_factory=list)  # pronouns no one named stands behind
    llm_calls: int = 0
    said_now: list[int] = field(default_factory=list)  # items the latest message names
    forget_ids: list[int] = field(default_factory=list)  # "forget Inception": opinion taken back
    corrected: list[int] = field(default_factory=list)  # "no, I meant Aliens": Alien taken back
    takes_back: bool = False  # "scratch that": the message before taken back (`corrected`)
    pointed_forget: list[int] = field(default_factory=list)  # "forget the 2nd one" (the turn)
    release: Release = Release()  # constraints taken back: "forget Tom Hanks", "any year"
    pronoun_cue: str | None = None  # "I liked it" naming nothing: the cue for "it"
    language: str | None = None  # written in another language than English (said back)
    version: tuple[str, int] | None = None  # "no, I meant the 1995 one" (rules.RuleReading)
    about_it: bool = False  # speaks of "it" and names no title ("who directed it?")
    asks: str | None = None  # what a question asks of the item: "director" | "cast"
    about_me: bool = False  # a question about the assistant ("how do you pick movies?")
    quantity: int | None = None  # "i'll take 6" (gift shop): how many of what was picked
    place_quantities: list[tuple[int, int]] = field(default_factory=list)  # "3 of the first"
    soft_exclude_genres: list[str] = field(default_factory=list)  # "for adults": no kids' genres
    new_recipient: bool = False  # retail: a gift for someone else now (its constraints go)
    # "the pink one": (words of the item's name, what is said of it), found in the list shown
    described: tuple[tuple[str, ...], str] | None = None
    it_genre: bool = False  # "it" may be a genre named before it (rules.RuleReading)


    def confident(self) -> bool:
        """The rules' reading needs no LLM: it found what the message is about (a title, a
        constraint, a reference to the list shown) and nothing in it was ambiguous."""
        found = (self.liked_ids or self.disliked_ids or self.seen_ids or self.wanted_ids
                 or self.relative
                 or not self.filters.is_empty() or self.anchor_position is not None
                 or self.release)
        return bool(found) and not self.ambiguous

    def already_applied(self) -> ParsedIntent:
        """This reading without its references to the list shown ("older", "the second one",
        "I've seen it"): phase 1 applied those, and the list has changed since."""
        return replace(self, relative=[], anchor_position=None, more_anchors=[],
                       list_ref=None, pronoun_cue=None, version=None, described=None)


def domain(catalog: Catalog) -> str:
    return "gift shop" if catalog.name == "retail" else "movie"


# the verdicts a correction carries to the title meant (a like is already the default)
CARRIED = {"negative": "negative", "seen": "seen", "seen_by_other": "seen", "wanted": "wanted",
           "unseen": "unseen"}
CORRECTED_BACK = 3  # "no, I meant Aliens" may follow a message or two that named no title
CORRECTION_SIMILAR = 60  # fuzz.ratio of the title taken back to the one meant, reaching back
TAKEN_BACK_BEFORE = 3  # "scratch that" takes back what the message before added to these


def _unique(items: list) -> list:
    return list(dict.fromkeys(items))


class IntentParser:
    def __init__(self, catalog: Catalog, linker: TitleLinker, chat_model: BaseChatModel | None,
                 settings: LLMSettings, sentiment: MentionSentiment | None = None,
                 sentiment_missing: str = ""):
        """`sentiment_missing`: why a catalogue that should have the trained model has none
        (reported in every parse's fallbacks); empty when it is loaded or not expected."""
        self.catalog = catalog
        self.linker = linker
        self.chat_model = chat_model
        self.settings = settings
        self.sentiment = sentiment
        self.sentiment_missing = sentiment_missing

    def without_llm(self) -> IntentParser:
        return IntentParser(self.catalog, self.linker, None, self.settings, self.sentiment,
                            self.sentiment_missing)

    def parse(self, messages: list[Message], attempts: int = 2) -> ParsedIntent:
        """Read the latest user message in its context, with at most `attempts` LLM calls."""
        messages = [Message(role=m.role, text=emoji_words(m.text, self.catalog.name))
                    if m.role == "user" else m for m in messages]  # "Titanic 🤮": hated
        latest = next((m.text for m in reversed(messages) if m.role == "user"), "")
        rules, corrected = self._read_in_context(messages)
        if rules.takes_back:  # "I loved Inception, something from the 90s", "scratch that"
            rules.release = self._constraints_taken_back(rules.release, messages)
            self._restore_replaced(rules, messages)
        if self.sentiment is not None and rules.kind != "chitchat":
            self._apply_sentiment(rules, messages, corrected)
        rules.forget_ids = _unique(rules.forget_ids + corrected)
        parsed = self._from_rules(rules, latest)
        parsed.corrected = corrected
        if self.sentiment is None and self.sentiment_missing:
            parsed.fallbacks.append(f"sentiment:{self.sentiment_missing}")
        if self.chat_model is None or rules.kind == "chitchat" or attempts < 1:
            return parsed
        llm_intent, failure, calls = self._ask_llm(messages, attempts)
        parsed.llm_calls = calls
        if llm_intent is None:
            parsed.fallbacks.append(f"llm_intent:{failure}")
            return parsed
        return self._merge(parsed, llm_intent)

    def _read_in_context(self, messages: list[Message]) -> tuple[RuleReading, list[int]]:
        """The rules' reading of the latest user message, with what a correction in it
        replaces ("no, I meant Aliens": Alien) and the verdict it carries to the title meant."""
        latest = next((m.text for m in reversed(messages) if m.role == "user"), "")
        rules = read_message(latest, self.catalog, self.linker)
        corrected = self._corrected(rules, messages)
        self._carry_verdict(rules, messages, corrected, latest)
        return rules, corrected

    def _corrected(self, rules: RuleReading, messages: list[Message]) -> list[int]:
        """The title a correction replaces ("I liked Alien", then "no, I meant Aliens"): the
        title of the last CORRECTED_BACK messages nearest in spelling to one named now (at
        least CORRECTION_SIMILAR), else the nearest of the message just before; its reading is
        taken back. Never a title only asked about turns ago ("is the conjuring scary?")."""
        users = [m.text for m in messages if m.role == "user"]
        if rules.takes_back and len(users) > 1:  # "scratch that": all it named first
            earlier = {i for text in users[-2 - TAKEN_BACK_BEFORE : -2]
                       for i in read_message(text, self.catalog, self.linker).mentioned_ids}
            return [i for i in read_message(users[-2], self.catalog, self.linker).mentioned_ids
                    if i not in earlier]
        if not rules.corrects:
            return []
        if rules.swapped is not None:  # "I meant La La Land not Caddyshack": named in it
            return [rules.swapped[0]]
        now = [self.catalog.titles[i].lower() for i in rules.mentioned_ids]

        def near(item: int) -> float:
            return max(fuzz.ratio(self.catalog.titles[item].lower(), t) for t in now)

        earlier = [[i for i in read_message(text, self.catalog, self.linker).mentioned_ids
                    if i not in rules.mentioned_ids]
                   for text in users[-2 : -2 - CORRECTED_BACK : -1]]
        alike = [i for items in earlier for i in items if near(i) >= CORRECTION_SIMILAR]
        if alike:
            return [max(alike, key=near)]  # the nearest message first among equals
        return [max(earlier[0], key=near)] if earlier and earlier[0] else []

    def _constraints_taken_back(self, release: Release, messages: list[Message]) -> Release:
        """"comedies from the 90s", then "scratch that": what the message before asked for or
        set aside, taken back as words would take it back (with the titles it named)."""
        users = [m.text for m in messages if m.role == "user"]
        if len(users) < 2:
            return release
        def said(reading: RuleReading) -> tuple[list[str], list[str]]:
            values = [*reading.genres, *reading.exclude_genres, *reading.audience,
                      *reading.cast, *reading.exclude_cast, *reading.directors,
                      *reading.exclude_directors, *reading.topics, *reading.exclude_topics,
                      *reading.subject]
            fields = ["year"] * (reading.year_min is not None or reading.year_max is not None) \
                + ["price"] * (reading.price_min is not None or reading.price_max is not None)
            return values, fields

        values, fields = said(read_message(users[-2], self.catalog, self.linker))
        # only what that message added: "comedies", "comedies from the 90s", "scratch that"
        # keeps the comedies
        for text in users[-2 - TAKEN_BACK_BEFORE : -2]:
            kept_values, kept_fields = said(read_message(text, self.catalog, self.linker))
            values = [v for v in values if v not in kept_values]
            fields = [f for f in fields if f not in kept_fields]
        return replace(release, fields=tuple(dict.fromkeys([*release.fields, *fields])),
                       values=tuple(dict.fromkeys([*release.values, *values])))

    def _restore_replaced(self, rules: RuleReading, messages: list[Message]) -> None:
        """"action", "actually horror", "scratch that": what the message taken back replaced
        (the genres, years, price or people an earlier one of the TAKEN_BACK_BEFORE asked
        for) is asked for again."""
        users = [m.text for m in messages if m.role == "user"]
        if len(users) < 3:
            return
        taken = read_message(users[-2], self.catalog, self.linker)
        earlier = [read_message(text, self.catalog, self.linker)
                   for text in users[-3 : -3 - TAKEN_BACK_BEFORE : -1]]
        def held(reading: RuleReading, names: tuple[str, ...]) -> list | None:
            values = [getattr(reading, n) for n in names]
            return values if any(v not in (None, []) for v in values) else None

        for names in (("genres",), ("cast",), ("directors",), ("year_min", "year_max"),
                      ("price_min", "price_max")):
            said = held(taken, names)
            before = next((v for reading in earlier if (v := held(reading, names))), None)
            if said is not None and before is not None and before != said:
                for name, value in zip(names, before, strict=True):
                    setattr(rules, name, value)
                if names[0] in ("year_min", "price_min"):  # the bounds said go, said back
                    field = names[0].split("_")[0]
                    rules.release = replace(rules.release, fields=tuple(dict.fromkeys(
                        [*rules.release.fields, field])))

    def _carry_verdict(self, rules: RuleReading, messages: list[Message], corrected: list[int],
                       latest: str) -> None:
        """"hated Jaws", then "wait no, I meant Alien": the title meant takes the verdict said
        of the one it replaces, unless the correction says its own ("I meant Alien, loved it")."""
        if not corrected or has_verdict(latest):
            return
        users = [m.text for m in messages if m.role == "user"][-2 : -2 - CORRECTED_BACK : -1]
        said = next((sentiment for text in users
                     for item, _, _, sentiment in read_message(text, self.catalog,
                                                               self.linker).mentions
                     if item == corrected[0]), None)
        if said not in CARRIED:
            return
        for item, _, _, sentiment in list(rules.mentions):
            if sentiment == "positive" and item not in corrected:
                rules.reread(item, CARRIED[said], self.catalog.titles[item])

    def _apply_sentiment(self, rules: RuleReading, messages: list[Message],
                         corrected: list[int] = ()) -> None:
        """Replace the rules' cue-word reading of each mention with the trained one, merged
        as `merge_reading` says (explicit cues the model may not overrule); `corrected`: titles
        a correction took back, which no re-read may bring back."""
        if self.sentiment is None:
            return
        rule_view = {item: sentiment for item, _, _, sentiment in rules.mentions}
        rule_view |= dict.fromkeys(rules.in_series, "series")
        rule_view |= dict.fromkeys(corrected, "forget")
        # An explicit cue in an earlier message the model re-reads holds there too: the re-read
        # once turned "hated Titanic" into a like, and "I have not seen Interstellar" into a
        # like, when the next message said nothing of them ("something older please").
        users = [k for k, m in enumerate(messages) if m.role == "user"]
        window = users[-1 - LATER_MESSAGES : -1]
        said_now = {item for item, _, _, _ in rules.mentions}
        for at, index in enumerate(window):
            # "seen" is left to the re-read only where a later message gives a verdict on it
            # ("seen Moana" ... "it was great"); with none the model's prior made it a like,
            # as a verdict on another film did ("I've seen Step Brothers", then "I loved
            # You've Got Mail" had liked Step Brothers)
            later = [messages[k].text for k in users[len(users) - len(window) + at:]]
            verdicts = [set() if pronoun_verdict(text) else  # "loved it, and Up too"
                        {i for i, _, _ in mentions_in(text, self.catalog, self.linker)}
                        for text in later if has_verdict(text)]
            # an earlier correction holds too: "hated Jaws", "wait no, I meant Alien", then
            # "something else" had re-read Jaws as disliked and Alien as liked
            reading, taken_back = self._read_in_context(messages[: index + 1])
            for item in taken_back:
                if item not in said_now:
                    rule_view[item] = "forget"
            # a title that named a series asked for stays no verdict: "all the star wars
            # movies", "no remakes", then "more" had re-read Star Wars (1977) as disliked
            for item in reading.in_series:
                if item not in said_now:
                    rule_view.setdefault(item, "series")
            # the last word of the message on a film holds ("movies like harry potter but
            # not harry potter" had become a like of it at the next message)
            held = {item: sentiment for item, _, _, sentiment in reading.mentions
                    if sentiment in ("negative", "unseen", "wanted", "asked", "seen_by_other",
                                     "contrast_liked", "forget") or
                    sentiment == "seen" and not any(not named or item in named
                                                    for named in verdicts)}
            for item, sentiment in held.items():
                rule_view.setdefault(item, sentiment)
        now, before = read_opinions(messages, [(i, a, b) for i, a, b, _ in rules.mentions],
                                    self.catalog, self.linker, self.sentiment)
        liked, disliked, seen, forget, wanted = [], [], [], [], []
        for item, label in {**before, **now}.items():
            label = merge_reading(rule_view.get(item), label)
            if label == "forget":
                forget.append(item)
            elif label == "seen":
                seen.append(item)
            elif label == "wanted":
                wanted.append(item)
            elif label == "liked":
                liked.append(item)
            elif label == "disliked":
                disliked.append(item)
        # films set aside without being named ("not the sequels"): no mention to re-read;
        # and seen so ("I have seen all the indiana jones movies")
        disliked += [i for i in rules.set_aside_ids if i not in said_now and i not in disliked
                     and i not in liked]
        seen += [i for i in rules.seen_also if i not in said_now and i not in seen
                 and i not in liked and i not in disliked]
        rules.liked_ids, rules.disliked_ids, rules.seen_ids = liked, disliked, seen
        rules.wanted_ids = wanted
        rules.forget_ids = forget
        rules.liked_titles = [self.catalog.titles[i] for i in liked]
        rules.disliked_titles = [self.catalog.titles[i] for i in disliked]
        if rules.kind == "refine" and liked:
            rules.kind = "recommend"

    def _from_rules(self, rules: RuleReading, text: str) -> ParsedIntent:
        constraints = Constraints(
            price_min=rules.price_min, price_max=rules.price_max,
            year_min=rules.year_min, year_max=rules.year_max,
            genres=rules.genres[:8], exclude_genres=rules.exclude_genres[:8],
            cast=rules.cast[:4], exclude_cast=rules.exclude_cast[:4],
            directors=rules.directors[:4], exclude_directors=rules.exclude_directors[:4],
            topics=rules.topics[:4], exclude_topics=rules.exclude_topics[:12])
        intent = Intent(kind=rules.kind, liked_titles=rules.liked_titles[:10],
                        disliked_titles=rules.disliked_titles[:10], constraints=constraints,
                        preference=text[:300],
                        # "jk" takes back, it describes nothing ("Letter j bling key ring")
                        search_text="" if rules.takes_back else text[:300])
        return ParsedIntent(intent=intent, liked_ids=_unique(rules.liked_ids),
                            disliked_ids=_unique(rules.disliked_ids),
                            seen_ids=_unique(rules.seen_ids),
                            wanted_ids=_unique(rules.wanted_ids),
                            no_like_ids=_unique([item for item, _, _, cue in rules.mentions
                                                 if cue in NO_LIKE_CUES]),
                            like_anchor_ids=_unique(rules.like_anchor_ids),
                            asked_ids=_unique([item for item, _, _, cue in rules.mentions
                                               if cue == "asked"]),
                            others_liked=dict(rules.others_liked),
                            filters=filters_from(constraints).model_copy(
                                update={"subject": tuple(rules.subject),
                                        "genres_all": rules.genres_all,
                                        "audience": tuple(rules.audience)}),
                            relative=rules.relative,
                            anchor_position=rules.anchor_position,
                            anchor_count=rules.anchor_count, anchor_cue=rules.anchor_cue,
                            anchor_likeness=rules.anchor_likeness,
                            more_anchors=list(rules.more_anchors),
                            genre_join=rules.genre_join,
                            set_aside_ids=_unique(rules.set_aside_ids),
                            anchor_except=list(rules.anchor_except),
                            list_ref=rules.list_ref,
                            ambiguous=rules.ambiguous,
                            not_found=rules.unknown_titles, popular=rules.popular,
                            unsupported=rules.unsupported, moods=rules.moods,
                            occasion=rules.occasion,
                            not_understood=rules.not_understood,
                            exclude_moods=rules.exclude_moods,
                            mild_exclude_genres=rules.mild_exclude_genres,
                            people_pronouns=rules.people_pronouns,
                            film_people=rules.film_people,
                            said_now=_unique([item for item, _, _, _ in rules.mentions]),
                            forget_ids=_unique(rules.forget_ids), release=rules.release,
                            pronoun_cue=rules.pronoun_cue, language=rules.language,
                            version=rules.version, about_it=rules.about_it,
                            asks=rules.asks, about_me=rules.about_me, quantity=rules.quantity,
                            place_quantities=rules.place_quantities,
                            soft_exclude_genres=rules.soft_exclude_genres,
                            new_recipient=rules.new_recipient, described=rules.described,
                            it_genre=rules.it_genre, takes_back=rules.takes_back)

    def intent_prompt(self, messages: list[Message]) -> list[BaseMessage]:
        """The intent call's messages (its schema is `Intent`; also `bench llm`'s load)."""
        conversation = [{"role": m.role, "text": m.text[:MAX_MESSAGE_CHARS]}
                        for m in messages[-CONTEXT_MESSAGES:]]
        return load_prompt("intent").template.format_messages(
            domain=domain(self.catalog), conversation=json.dumps(conversation))

    def _ask_llm(self, messages: list[Message],
                 attempts: int) -> tuple[Intent | None, str, int]:
        prompt = self.intent_prompt(messages)
        failure = "error"
        for attempt in range(attempts):  # a retry only if allowed, then the rules stand alone
            try:
                result = structured_call(self.chat_model, prompt, Intent, self.settings.timeout_s)
                return result, "", attempt + 1
            except LLMError as exc:
                failure = exc.kind
        return None, failure, attempts

    @staticmethod
    def _written(titles: list[str], said: str) -> list[str]:
        """Only titles the user actually wrote (allowing typos): a small model otherwise
        copies titles from the prompt or invents them."""
        return [t for t in titles if (key := normalize_title(t)) and
                fuzz.partial_ratio(key, said) >= 85]

    def _link(self, titles: list[str]) -> list[int]:
        ids = []
        for title in titles:
            link = self.linker.link(title)
            if link.item_id is not None and link.confidence >= 0.9:
                ids.append(link.item_id)
        return ids

    @staticmethod
    def _people(names: list[str], said: str, lookup: Callable[[str], str | None]) -> list[str]:
        """The LLM's people, only those the catalogue knows in that role (`lookup`:
        `Catalog.cast_name` or `director_name`) and the person wrote."""
        known = [lookup(n) for n in names if normalize_title(n) in said]
        return [n for n in known if n is not None]

    def _known(self, titles: list[str], not_found: list[str]) -> list[str]:
        """Drop LLM titles the person wrote as titles the catalogue lacks: linking them would
        swap in some other film ("Once" for "Everything Everywhere All at Once")."""
        lacking = [normalize_title(t) for t in not_found]
        return [t for t in titles if not any(
            (key := normalize_title(t)) and (key in lack or lack in key) for lack in lacking)]

    def _merge(self, parsed: ParsedIntent, llm: Intent) -> ParsedIntent:
        said = normalize_title(parsed.intent.search_text)
        llm_liked = self._known(self._written(llm.liked_titles, said), parsed.not_found)
        llm_disliked = self._known(self._written(llm.disliked_titles, said), parsed.not_found)
        llm_liked_ids, llm_disliked_ids = self._link(llm_liked), self._link(llm_disliked)
        if parsed.intent.kind == "ask":  # "what's Inception about?" asks; it likes nothing
            asked = set(parsed.said_now)
            llm_liked_ids = [i for i in llm_liked_ids if i not in asked]
            llm_disliked_ids = [i for i in llm_disliked_ids if i not in asked]
        # a film not seen yet (wanted ones too), or only seen, is no like, whatever the LLM says
        llm_liked_ids = [i for i in llm_liked_ids if i not in parsed.no_like_ids]
        liked = _unique(parsed.liked_ids + llm_liked_ids)
        disliked = _unique(parsed.disliked_ids + llm_disliked_ids)
        liked = [i for i in liked if i not in disliked or i in parsed.liked_ids]
        disliked = [i for i in disliked if i not in liked]
        vocab = {g.lower(): g for g in self.catalog.genre_vocabulary()}
        rules_c, llm_c = parsed.intent.constraints, llm.constraints
        constraints = Constraints(
            price_min=rules_c.price_min if rules_c.price_min is not None else llm_c.price_min,
            price_max=rules_c.price_max if rules_c.price_max is not None else llm_c.price_max,
            year_min=rules_c.year_min if rules_c.year_min is not None else llm_c.year_min,
            year_max=rules_c.year_max if rules_c.year_max is not None else llm_c.year_max,
            genres=_unique(rules_c.genres + [vocab[g.lower()] for g in llm_c.genres
                                             if g.lower() in vocab])[:8],
            exclude_genres=_unique(rules_c.exclude_genres + [
                vocab[g.lower()] for g in llm_c.exclude_genres if g.lower() in vocab])[:8],
            # the rules' words only: each is a filter on the text
            topics=rules_c.topics, exclude_topics=rules_c.exclude_topics,
        )
        constraints.genres = [g for g in constraints.genres if g not in constraints.exclude_genres]
        constraints.cast, constraints.exclude_cast = self._merge_people(
            rules_c.cast, rules_c.exclude_cast, llm_c.cast, llm_c.exclude_cast, said,
            self.catalog.cast_name)
        constraints.directors, constraints.exclude_directors = self._merge_people(
            rules_c.directors, rules_c.exclude_directors, llm_c.directors,
            llm_c.exclude_directors, said, self.catalog.director_name)
        intent = Intent(
            kind=parsed.intent.kind if parsed.intent.kind != "recommend" else llm.kind,
            liked_titles=[self.catalog.titles[i] for i in liked][:10],
            disliked_titles=[self.catalog.titles[i] for i in disliked][:10],
            constraints=constraints,
            preference=llm.preference or parsed.intent.preference,
            search_text=parsed.intent.search_text,
        )
        # what the message takes back stays taken back ("forget Tom Hanks" names him), and a
        # whole constraint dropped keeps only the rules' reading of it
        taken = Release(values=parsed.release.values + parsed.release.allowed)
        filters = apply_release(filters_from(constraints), taken).model_copy(update={
            "subject": parsed.filters.subject,  # the rules' alone: a product-name filter
            "audience": tuple(g for g in parsed.filters.audience  # the rules' alone too
                              if g not in constraints.exclude_genres),
            # "a horror comedy" holds while the LLM names the same genres
            "genres_all": parsed.filters.genres_all and set(constraints.genres) == set(
                parsed.filters.genres),
            **{name: getattr(parsed.filters, name) for field, names in CLEARED.items()
               if field in parsed.release.fields for name in names}})
        return replace(parsed, intent=intent, liked_ids=liked, disliked_ids=disliked,
                       filters=filters,
                       said_now=_unique(parsed.said_now + llm_liked_ids + llm_disliked_ids))

    def _merge_people(self, rules_wanted: list[str], rules_banned: list[str],
                      llm_wanted: list[str], llm_banned: list[str], said: str,
                      lookup: Callable[[str], str | None]) -> tuple[list[str], list[str]]:
        """(asked for, set aside) names: the rules' first, then the LLM's that the message
        names and the catalogue knows; a name set aside is never also asked for."""
        banned = _unique(rules_banned + self._people(llm_banned, said, lookup))[:4]
        wanted = _unique(rules_wanted + self._people(llm_wanted, said, lookup))
        return [n for n in wanted if n not in banned][:4], banned


def filters_from(constraints: Constraints) -> HardFilters:
    return HardFilters(price_min=constraints.price_min, price_max=constraints.price_max,
                       year_min=constraints.year_min, year_max=constraints.year_max,
                       genres=tuple(constraints.genres),
                       exclude_genres=tuple(constraints.exclude_genres),
                       cast=tuple(constraints.cast), exclude_cast=tuple(constraints.exclude_cast),
                       directors=tuple(constraints.directors),
                       exclude_directors=tuple(constraints.exclude_directors),
                       topics=tuple(constraints.topics),
                       exclude_topics=tuple(constraints.exclude_topics))
