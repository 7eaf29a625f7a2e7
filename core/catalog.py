"""The item catalogue and its loaders: movies (ReDial + Wikipedia), retail (Online Retail), custom.

A `Catalog` is immutable and indexed by dense item id (0..n-1). Loaders read the shipped
xz-compressed files (or plain files) and raise `DataError` naming the file and line on bad input.
"""

from __future__ import annotations

import csv
import hashlib
import json
import lzma
import re
import unicodedata
from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO
from urllib.parse import unquote

import numpy as np

from core.errors import DataError

CATALOG_NAMES = ("movies", "retail")


def open_text(path: Path) -> IO[str]:
    """Open a plain or .xz text file; a missing file is a DataError, not a traceback."""
    path = Path(path)
    if not path.is_file():
        raise DataError(f"file not found: {path}", path=path)
    if path.suffix == ".xz":
        return lzma.open(path, "rt", encoding="utf-8", newline="")
    return path.open("rt", encoding="utf-8", newline="")


def normalize_title(title: str) -> str:
    """Lower-case, accent-free, punctuation-free title with a leading article dropped."""
    text = unicodedata.normalize("NFKD", title).encode("ascii", "ignore").decode()
    text = text.lower().replace("&", " and ")
    text = re.sub(r"[^a-z0-9]+", " ", text).strip()
    # the article typed twice ("The The Greatest Showman", a chat's "the" before a title)
    text = re.sub(r"^(the|a|an) (?:\1 )*", "", text)
    return text


_NAME_YEAR = re.compile(r"^(.*?)\s*\((\d{4})\)\s*$")


def split_title_year(name: str) -> tuple[str, int | None]:
    """'Headhunter  (2009)' -> ('Headhunter', 2009); 'The Mummy ' -> ('The Mummy', None)."""
    match = _NAME_YEAR.match(name.strip())
    if match:
        return match.group(1).strip(), int(match.group(2))
    return re.sub(r"\s+", " ", name).strip(), None


@dataclass(frozen=True)
class Item:
    item_id: int
    external_id: str
    title: str
    year: int | None
    price: float | None
    genres: tuple[str, ...]
    cast: tuple[str, ...]
    description: str
    popularity: float
    directors: tuple[str, ...] = ()
    image_url: str | None = None


# A single word stands for an actor only when one well-known cast member owns it: at least
# ALIAS_MIN_FILMS films and ALIAS_DOMINANCE times as many as anyone else sharing the word
# ("Hanks": Tom Hanks, 42 films, against Colin Hanks's 6; "Chris" belongs to no one).
# genres a film may carry without its parent: 54 of the 75 slashers (Halloween, Friday the
# 13th) are not tagged Horror, and "no horror" must leave them out, "horror" take them in
SUBGENRES = {"horror": ("slasher",), "sports": ("sport",)}
ALIAS_MIN_FILMS = 10
ALIAS_DOMINANCE = 3


# the short given names people call famous actors by, as the whole name ("Leo", "Arnie")
SHORT_GIVEN_NAMES = {"leonardo": "leo", "arnold": "arnie", "sylvester": "sly"}


def cast_aliases(films: dict[str, int], rivals: dict[str, int] | None = None,
                 min_films: int = ALIAS_MIN_FILMS) -> dict[str, str]:
    """word (lower case) -> the person it names alone, from each name's film count. `rivals`
    (people in another role) can keep a word from anyone without owning it themselves:
    "Howard" is no director's while an actor of as many films shares it."""
    holders: dict[str, list[tuple[int, bool, str]]] = {}
    for names, own in ((films, True), (rivals or {}, False)):
        for name, count in names.items():
            for word in set(name.split()):
                if len(word) > 2 and word[0].isupper():  # not "the" of "Cedric the Entertainer"
                    holders.setdefault(word.lower(), []).append((count, own, name))
    # "something with Leo": a star's short name outranks a surname held by someone in fewer
    # films (it had been Melissa Leo)
    shorts: dict[str, tuple[int, str]] = {}
    for name, count in films.items():
        short = SHORT_GIVEN_NAMES.get(name.split()[0].lower())
        if short is not None and count >= min_films and count > shorts.get(short, (0, ""))[0]:
            shorts[short] = (count, name)
    out = {}
    for word, owners in holders.items():
        owners.sort(reverse=True)
        best, own, name = owners[0]
        runner_up = next((c for c, _, n in owners[1:] if n != name), 0)
        if own and best >= min_films and best >= ALIAS_DOMINANCE * runner_up:
            out[word] = name
    for short, (count, name) in shorts.items():
        if all(count > c for c, _, n in holders.get(short, []) if n != name):
            out[short] = name
    return out


# "directed by Christopher Nolan", "written, directed and produced by J. J. Abrams",
# "directed by Joel and Ethan Coen": the directors named in a Wikipedia extract
_NAME = (r"(?:[A-Z]\.\s?)+[A-Z][\w'\-]+(?:\s+[A-Z][\w'\-]+){0,2}|"  # "M. Night Shyamalan"
         r"[A-Z][\w'\-]+(?:\s+(?:(?:de|van|von|del|der|da|di|le|la)\s+)?"
         r"(?:[A-Z]\.\s?)*[A-Z][\w'\-]+){0,3}")
# ("directed, produced by and starring Clint Eastwood": the director is the star)
DIRECTED_BY = re.compile(r"\b(?:co-)?directed(?:(?:,|,?\s+and)\s+(?:co-)?[a-z]+)*,?\s+by\s+"
                         r"(?:and\s+(?:also\s+)?starring\s+)?("
                         + _NAME + r"(?:(?:,\s+|,?\s+and\s+)(?:" + _NAME + r"))*)")
DIRECTOR_LIST = re.compile(r",?\s+and\s+|,\s+")
# directors name people less often than actors: a surname alone needs fewer films
DIRECTOR_ALIAS_MIN_FILMS = 5


def directors_from_extract(text: str) -> tuple[str, ...]:
    """The directors a film's Wikipedia extract names in its "directed by" phrase."""
    match = DIRECTED_BY.search(text)
    if match is None:
        return ()
    parts = [p.strip() for p in DIRECTOR_LIST.split(match.group(1)) if p.strip()]
    names = []
    for i, part in enumerate(parts):
        if " " not in part:  # "Joel and Ethan Coen": Joel Coen, or a lone word: no name
            later = parts[i + 1] if i + 1 < len(parts) else ""
            if " " not in later or "." in part:
                continue
            part = f"{part} {later.split()[-1]}"
        names.append(part)
    return tuple(dict.fromkeys(names))


def _spelling(index: dict[str, tuple[str, list[int]]], name: str) -> str | None:
    """The name as the catalogue writes it, if `index` (`_people_index`) knows it."""
    known = index.get(name.lower())
    return known[0] if known else None


def _credited_mask(index: dict[str, tuple[str, list[int]]], names: tuple[str, ...] | list[str],
                   n: int) -> np.ndarray:
    """True for the items credited to any of `names` (unknown names match nothing)."""
    mask = np.zeros(n, dtype=bool)
    for name in names:
        mask[index.get(name.lower(), ("", []))[1]] = True
    return mask


def _film_counts(per_item: tuple[tuple[str, ...], ...]) -> dict[str, int]:
    """person (as first written) -> items credited under that very name: a stage name's
    films are not counted under the person's other names, so no word of a name changes
    owner (`cast_aliases`)."""
    counts: dict[str, tuple[str, int]] = {}
    for names in per_item:
        for name in names:
            written, count = counts.get(name.lower(), (name, 0))
            counts[name.lower()] = (written, count + 1)
    return dict(counts.values())


# a credit with the stage name inside it: Dwayne "The Rock" Johnson, Curtis '50 Cent' Jackson
NICKNAMED = re.compile(r"^(?P<given>[^\"']+?)\s+[\"'](?P<nick>[^\"']+)[\"']\s+(?P<surname>.+)$")


def _people_index(per_item: tuple[tuple[str, ...], ...]) -> dict[str, tuple[str, list[int]]]:
    """person, lower-cased -> (the name as written, the items they are credited on). A credit
    that holds a stage name ties the names of one person together: the films credited to The
    Rock, to Dwayne Johnson and to Dwayne "The Rock" Johnson are each name's films (probe
    2026-12-07: "anything with the Rock?" had found 3 of his 27)."""
    index: dict[str, tuple[str, list[int]]] = {}
    for item, names in enumerate(per_item):
        for name in names:
            index.setdefault(name.lower(), (name, []))[1].append(item)
    for name in [n for n in index if NICKNAMED.match(n)]:
        m = NICKNAMED.match(name)
        same = [name, f"{m['given']} {m['surname']}", m["nick"]]
        items = sorted({i for n in same if n in index for i in index[n][1]})
        for n in same:
            if n in index:
                index[n] = (index[n][0], items)
    return index


TOPIC_LEAD_CHARS = 300
# What a film's lead says it is, for "no sequels" / "no remakes" (`topic_mask` reads these
# words as kinds, not as words of the summary). A numbered title is a sequel too ("Taken 3",
# "Saw II", "Police Academy 2: Their First Assignment"); the nth film of a shared "universe"
# is not ("Black Panther is the eighteenth film in the Marvel Cinematic Universe").
SEQUEL_LEAD = re.compile(
    r"\b(?:sequel|follow-up|prequel) to\b|"
    r"\b(?:second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth|\d+(?:st|nd|rd|th)|final|"
    r"last|latest) (?:installment|instalment|entry|film|movie|chapter|part)(?: overall)? "
    r"(?:in|of) the (?![\w\s-]{0,40}\buniverse\b)", re.I)
SEQUEL_TITLE = re.compile(r"(?:\s(?:[2-9]|1\d|II|III|IV|V|VI|VII|VIII)|\bPart\s+(?:[2-9]|II|III|"
                          r"IV|Two|Three)|\bChapter\s+(?:[2-9]|Two|Three))(?::|$)")
SEQUEL_GAP = 3  # films of a series the catalogue may lack before a numbered one
_ROMAN = {"ii": 2, "iii": 3, "iv": 4, "v": 5, "vi": 6, "vii": 7, "viii": 8, "two": 2,
          "three": 3}


def _sequel_number(said: str) -> int:
    """The number a SEQUEL_TITLE match gives: " 3" -> 3, "Part II" -> 2, ": " cut."""
    word = said.strip(" :").split()[-1].lower()
    return int(word) if word.isdigit() else _ROMAN.get(word, 2)


REMAKE_LEAD = re.compile(r"\b(?:remake|re-?imagining|reboot) of\b|\bis a remake\b", re.I)
KIND_LEAD_CHARS = 600  # "It is the sequel to ..." is often the lead's second sentence
FILM_KINDS = ("sequels", "prequels", "remakes")
# "serves as a prequel", "the prequel trilogy"; never another film ("followed by a prequel,
# Missing in Action 2", "A prequel film, Insidious: Chapter 3, was released")
PREQUEL_LEAD = re.compile(r"(?<!by )\b(?:a|the|as|and) prequel\b(?!(?: film)?, (?-i:[A-Z]))|"
                          r"\bprequel (?:to|trilogy|series)\b", re.I)
# the name a film's lead gives its series: "the fifteenth entry in the James Bond series
# produced by Eon Productions", "the first installment in the Rocky franchise", "the fourth
# installment of Warner Bros.' initial Batman film series", "in the 1989-1997 Batman series",
# "in Nolan's The Dark Knight trilogy", "reboots the Batman film series" (not "a spin-off of the
# Shrek film series", "a parody of the Star Wars trilogy", "outside of the Lethal Weapon series")
SERIES_LEAD = re.compile(r"\b(?:[Ii]n|(?:[Ii]nstall?ment|[Ee]ntry|[Ff]ilm|[Pp]art|[Rr]eboot) of|"
                         r"reboots) (?:the |The )?(?P<owner>(?:[A-Z][\w.]*[ .])*?[A-Z][\w.]*"
                         r"(?:'s|') )?(?:\d{4}[–-]\d{4} )?(?:the |The )?(?:original |initial |main "
                         r"|Eon Productions )?"
                         r"(?P<name>(?:[A-Z0-9][\w&:'.-]*|of|the|and|&)"
                         r"(?: (?:[A-Z0-9][\w&:'.-]*|of|the|and|&)){0,6}) "
                         r"(?:[Ff]ilm |[Mm]ovie )?(?:[Ss]eries|[Ff]ranchise|[Ss]aga|[Tt]rilogy)\b")
# a title that continues a name: "Alien: Covenant", "Toy Story 3", "Saw II", "Harry Potter and
# the Philosopher's Stone" (whose extract is empty)
SERIES_HEAD = re.compile(r"^(.+?)(?::| (?:[2-9]|1\d)\b| (?:II|III|IV|V|VI|VII|VIII)\b| Part\b|"
                         r" and the\b)")
LOWER_WORD = re.compile(r"(?<![\w'-])[a-z][a-z'-]*")
ORDINARY_USES = 3  # lower-case uses in the extracts that make a word ordinary ("saw": 3)
SERIES_KNOWN_MENTIONS = 10  # mentions that admit a film of unknown people ("The Last Jedi": 233)
# a topic naming a series ("James Bond series"): its films (`Catalog.series_films`), no word;
# or those of a kind ("Star Wars series prequels": "the star wars prequels")
SERIES_TOPIC = re.compile(r"(?P<name>.+?) series(?: (?P<kind>prequels|sequels))?", re.I)
SERIES_MOST = 40  # films one series lists at most (the James Bond series: 14 in the catalogue)
# an extract naming the film it follows: "a sequel to Raiders of the Lost Ark (1981)", "a
# prequel to the 1981 film Raiders of the Lost Ark", "It is preceded by The Bourne Identity"
FOLLOWS = re.compile(r"\b(?:(?:sequel|prequel|follow-up) to|preceded by) (?:(?:the|an?) )?"
                     r"(?:(?:(?:\d{4}(?:'s)?|[a-z-]+) ){0,3}?(?:film|movie) )?"
                     r"(?P<title>[\"A-Z0-9][^,;()]*)")
SERIES_TITLE_WORDS = 8  # words of a title `FOLLOWS` may name
SUBTITLE = re.compile(r"(?:: | – | - )(?!.*(?:: | – | - ))(.{4,})$")  # the part after the last
SERIES_ALIAS_USES = 5  # uses of a hero's name alone that make it a series' ("Bond": 13)
JOINED_NAME_MIN = 4  # letters of a title or series name typed as one word ("xmen")


def series_said(topic: str) -> str:
    """A series topic as a reply says it: "the James Bond series", "the Avengers series" (not
    "the The Avengers series"), "the Star Wars series' prequels"."""
    said = SERIES_TOPIC.fullmatch(topic)
    name = re.sub(r"^the\s+", "", said["name"] if said else topic, flags=re.I)
    return f"the {name} series' {said['kind']}" if said and said["kind"] else \
        f"the {name}{' series' * bool(said)}"
# never in a list for children, whatever else it is ("Sausage Party" is Animated and Comedy)
ADULT_GENRES = ("Erotic",)
ADULT_LEAD = re.compile(r"\badult(?:-oriented)? animat|\badult comedy\b", re.I)
TOPIC_WORD = re.compile(r"[a-z0-9]+")
DECADE_WORD = re.compile(r"\b(?:1[5-9]|20)\d0s\b")  # "1920s" in a summary


def _joined(title: str) -> frozenset[str]:
    """Two neighbouring words of a name written as one ("retro spot" -> "retrospot"), so a
    request in either spelling finds both."""
    words = TOPIC_WORD.findall(title.lower())
    return frozenset(a + b for a, b in zip(words, words[1:], strict=False))


# What films are about, as the rules' topics name them (assistant/rules.py: TOPICS) -> the
# words a summary says it in. Searched in the whole summary, lower case only: a subject is
# no one's name ("directed by Rob Zombie" is no zombie film), and the lead seldom says it
# (Jurassic Park's names no dinosaur); a film without a summary, in its title.
FILM_SUBJECTS: dict[str, tuple[str, ...]] = {
    "heist": ("heist",), "vampire": ("vampire",), "serial killers": ("serial[- ]killer",),
    "shark": ("shark",), "haunted": ("haunted",), "pirate": ("pirate",),
    "gangster": ("gangster", "mobster"), "mafia": ("mafia",), "road trip": ("road[- ]trip",),
    "high school": ("high[- ]school",), "dystopian": ("dystopian", "dystopia"),
    "witch": ("witch",), "prison": ("prison",), "zombie": ("zombie",),
    "boxing": ("boxing", "boxer"), "dinosaur": ("dinosaur",),
    "alien": ("alien", "extraterrestrial"), "robot": ("robot", "android", "cyborg"),
    "werewolf": ("werewolf", "werewolves"), "monster": ("monster",), "ghost": ("ghost",),
    "time travel": ("time[- ]travel", "time[- ]machine", "time[- ]traveler",
                    "time[- ]traveller"),
    # what the summary says the film is made from (729 of 4,401 summaries: Die Hard, It, The
    # Notebook, Shutter Island)
    "based on a book": (r"(?:based on|adapted from|adaptation of) (?:the |a |an )?"
                        r"(?:[\w'-]+ ){0,4}?(?:novel|book|novella)",),
}
# subjects said as themselves in a reply, not as a word the summary names
SUBJECTS_SAID = {"based on a book": ("based on a book", "not based on a book")}


def word_forms(word: str) -> frozenset[str]:
    """A word with its plain English singular or plural ("mugs" <-> "mug", "boxes" <-> "box")."""
    if word[:1].isdigit():  # "1920s" is no plural of "1920" (a film's year)
        return frozenset({word})
    forms = {word, f"{word}s", f"{word}es"}
    if word.endswith("es"):
        forms.add(word[:-2])
    if word.endswith("s"):
        forms.add(word[:-1])
    return frozenset(forms)


@dataclass(frozen=True)
class Catalog:
    """Items indexed by dense id. Arrays are aligned; -1 year / NaN price mean unknown."""

    name: str
    external_ids: tuple[str, ...]
    titles: tuple[str, ...]
    years: np.ndarray  # int32, -1 unknown
    prices: np.ndarray  # float32, NaN unknown
    genres: tuple[tuple[str, ...], ...]
    cast: tuple[tuple[str, ...], ...]
    descriptions: tuple[str, ...]
    popularity: np.ndarray  # float32 mention / purchase counts from the source file
    stats: dict[str, float] = field(default_factory=dict)  # e.g. join coverage
    images: tuple[str, ...] = ()  # image URL per item ("" none); empty: no images at all
    currency: str = "GBP"  # of `prices` (ISO 4217)
    directors: tuple[tuple[str, ...], ...] = ()  # per item (movies); empty: none known at all
    _index: dict[str, int] = field(default_factory=dict, repr=False, compare=False)
    # derived once: genre filters run several times per chat turn
    _vocabulary: tuple[str, ...] = field(default=(), repr=False, compare=False)
    _genre_columns: dict[str, int] = field(default_factory=dict, repr=False, compare=False)
    _genre_matrix: np.ndarray = field(default_factory=lambda: np.zeros((0, 0), bool), repr=False,
                                      compare=False)
    _genres_known: np.ndarray = field(default_factory=lambda: np.zeros(0, bool), repr=False,
                                      compare=False)
    # cast member, lower-cased -> (the name as written, the items they star in)
    _cast_items: dict[str, tuple[str, list[int]]] = field(default_factory=dict, repr=False,
                                                        compare=False)
    # one word of a name -> the cast member that word means on its own ("keanu", "stallone")
    _cast_aliases: dict[str, str] = field(default_factory=dict, repr=False, compare=False)
    _director_items: dict[str, tuple[str, list[int]]] = field(default_factory=dict, repr=False,
                                                            compare=False)
    _director_aliases: dict[str, str] = field(default_factory=dict, repr=False, compare=False)
    # topic word, lower-cased -> items whose description lead names it (filled on first use)
    _topic_masks: dict[str, np.ndarray] = field(default_factory=dict, repr=False, compare=False)
    _topic_words: list[frozenset[str]] = field(default_factory=list, repr=False, compare=False)
    _words: set[str] = field(default_factory=set, repr=False, compare=False)  # filled on first use
    _services: list[int] = field(default_factory=list, repr=False, compare=False)  # first use
    _person_words: set[str] = field(default_factory=set, repr=False, compare=False)  # first use
    # word -> how many titles hold it (filled on first use)
    _title_words: dict[str, int] = field(default_factory=dict, repr=False, compare=False)
    _sequels: dict[int, tuple[int, ...]] = field(default_factory=dict, repr=False,
                                                 compare=False)  # filled on first use
    # each item's title and description, lower-cased, joined (filled on first use)
    _lowered: list[str] = field(default_factory=list, repr=False, compare=False)
    # a series name (`normalize_title`) -> (its spelling, the films named in it, the films
    # titled by it alone) (filled on first use)
    _series: dict[str, tuple[str, list[int], list[int], list[int]]] = field(
        default_factory=dict, repr=False, compare=False)
    # words that alone name a series (`series_alias`; filled with `_series`)
    _aliases: set[str] = field(default_factory=set, repr=False, compare=False)
    # (film -> the films it follows, film -> the films that follow it), `_follow_links`
    _follows: list[dict[int, list[int]]] = field(default_factory=list, repr=False,
                                                 compare=False)
    # a title without its year (`normalize_title`) -> its items (filled with `_series`)
    _titled: dict[str, list[int]] = field(default_factory=dict, repr=False, compare=False)
    # word -> how often the extracts write it in lower case (filled on first use)
    _lower_words: Counter = field(default_factory=Counter, repr=False, compare=False)
    # phrase -> the extracts write it in lower case (`ordinary_phrase`); the extracts joined
    _lower_phrases: dict[str, bool] = field(default_factory=dict, repr=False, compare=False)
    _extracts: list[str] = field(default_factory=list, repr=False, compare=False)

    def __post_init__(self) -> None:
        n = len(self.external_ids)
        for name in ("titles", "genres", "cast", "descriptions"):
            if len(getattr(self, name)) != n:
                raise ValueError(f"catalog field {name} has wrong length")
        for name in ("images", "directors"):
            if getattr(self, name) and len(getattr(self, name)) != n:
                raise ValueError(f"catalog field {name} has wrong length")
        for name in ("years", "prices", "popularity"):
            if getattr(self, name).shape != (n,):
                raise ValueError(f"catalog array {name} has wrong shape")
        object.__setattr__(self, "_index", {e: i for i, e in enumerate(self.external_ids)})
        vocabulary = tuple(sorted({g for gs in self.genres for g in gs}))
        columns: dict[str, int] = {}
        for genre in vocabulary:
            columns.setdefault(genre.lower(), len(columns))
        matrix = np.zeros((n, max(len(columns), 1)), dtype=bool)
        for item, gs in enumerate(self.genres):
            matrix[item, [columns[g.lower()] for g in gs]] = True
        object.__setattr__(self, "_vocabulary", vocabulary)
        object.__setattr__(self, "_genre_columns", columns)
        object.__setattr__(self, "_genre_matrix", matrix)
        known = matrix.any(axis=1)
        known.setflags(write=False)
        object.__setattr__(self, "_genres_known", known)
        cast_items = _people_index(self.cast)
        director_items = _people_index(self.directors)
        cast_films, director_films = _film_counts(self.cast), _film_counts(self.directors)
        object.__setattr__(self, "_cast_items", cast_items)
        object.__setattr__(self, "_cast_aliases", cast_aliases(cast_films))
        object.__setattr__(self, "_director_items", director_items)
        object.__setattr__(self, "_director_aliases", cast_aliases(
            director_films, rivals=cast_films, min_films=DIRECTOR_ALIAS_MIN_FILMS))

    def __len__(self) -> int:
        return len(self.external_ids)

    def has(self, item_id: int) -> bool:
        return 0 <= int(item_id) < len(self)

    def index_of(self, external_id: str) -> int | None:
        return self._index.get(str(external_id))

    def item(self, item_id: int) -> Item:
        if not self.has(item_id):
            raise KeyError(f"unknown item id {item_id} (catalogue {self.name!r} has {len(self)})")
        i = int(item_id)
        year = int(self.years[i])
        price = float(self.prices[i])
        return Item(
            item_id=i,
            external_id=self.external_ids[i],
            title=self.titles[i],
            year=year if year >= 0 else None,
            price=round(price, 2) if np.isfinite(price) else None,  # float32 noise off
            genres=self.genres[i],
            cast=self.cast[i],
            directors=self.directors_of(i),
            description=self.descriptions[i],
            popularity=float(self.popularity[i]),
            image_url=self.images[i] or None if self.images else None,
        )

    def display_title(self, item_id: int) -> str:
        year = int(self.years[int(item_id)])
        title = self.titles[int(item_id)]
        return f"{title} ({year})" if year >= 0 else title

    def title_key(self, item_id: int) -> str:
        """Equal for entries a person would not tell apart by name: one film listed twice under
        two spellings ("Grown Ups" / "Grown-Ups (2010)"), or namesakes ("Titanic (1997)" /
        "Titanic (2012)")."""
        return normalize_title(self.titles[int(item_id)])

    def release_order(self, items: Iterable[int], namesakes: bool = False) -> list[int]:
        """`items` of a known year by year, each title once (the best known of namesakes:
        ReDial lists The Matrix (1999) twice), as a series is listed and counted; with
        `namesakes`, each title once a year (Jumanji (1995) and Jumanji (2017) are two)."""
        kept: dict[tuple[str, int], int] = {}
        for i in items:
            year = int(self.years[i])
            key = (self.title_key(i), year if namesakes else 0)
            if year > 0 and (key not in kept or self.popularity[i] > self.popularity[kept[key]]):
                kept[key] = i
        return sorted(kept.values(), key=lambda i: int(self.years[i]))

    def series_in_order(self, name: str, with_item: int | None = None,
                        last: bool = False) -> list[int]:
        """The films of the series `name` names in release order, with `with_item` (a
        namesake the series lacks: "the original jumanji" is Jumanji (1995), not Zathura;
        never another namesake: "the first men in black" is no 1934 film). For the last
        place, only the films titled by the name where some are, and those sharing an actor or
        director with the last of them ("the last x-men" is no Deadpool 2, which the X-Men
        series holds by its extract)."""
        spelling, films = self.series_films(name)
        extra = [with_item] if with_item is not None else []
        order = self.release_order([*films, *extra], namesakes=True)
        key = normalize_title(spelling)
        years = Counter(int(self.years[i]) for i in order)
        # a record of the bare name beside a film of its year, known by nothing else, is that
        # film again ("James Bond (2015)" beside Spectre: "the last james bond" is Spectre)
        order = [i for i in order if not (
            normalize_title(self.titles[i]) == key and years[int(self.years[i])] > 1 and
            not self.descriptions[i] and not self.cast[i])]
        titled = [i for i in order if key and key in normalize_title(self.titles[i])]
        if not last or not titled:
            return order
        # and later ones that share people with the last of them ("the latest batman" is The
        # Dark Knight Rises)
        return [i for i in order if i in titled or self._share_people(i, titled[-1])]

    def item_text(self, item_id: int) -> str:
        """The text that describes an item for embedding and for the LLM."""
        item = self.item(item_id)
        parts = [self.display_title(item_id)]
        if item.genres:
            label = "Categories" if self.name == "retail" else "Genres"
            parts.append(f"{label}: " + ", ".join(item.genres))
        if item.cast:
            parts.append("Starring: " + ", ".join(item.cast[:5]))
        if item.price is not None:
            parts.append(f"Price: £{item.price:.2f}")
        if item.description:
            parts.append(item.description)
        return ". ".join(parts)

    def texts(self) -> list[str]:
        return [self.item_text(i) for i in range(len(self))]

    def genre_vocabulary(self) -> list[str]:
        return list(self._vocabulary)

    def genre_mask(self, genres: tuple[str, ...] | list[str]) -> np.ndarray:
        """True for items in any of `genres` or their subgenres (case-insensitive; unknown
        names match nothing); "Romance+Comedy" names the items in both at once."""
        joined = [g for g in genres if "+" in g]
        if joined:
            mask = self.genre_mask([g for g in genres if "+" not in g])
            for name in joined:
                mask = mask | np.logical_and.reduce([self.genre_mask((part,))
                                                     for part in name.split("+")])
            return mask
        names = [n for g in genres for n in (g.lower(), *SUBGENRES.get(g.lower(), ()))]
        columns = [self._genre_columns[n] for n in dict.fromkeys(names)
                   if n in self._genre_columns]
        if not columns:
            return np.zeros(len(self), dtype=bool)
        return self._genre_matrix[:, columns].any(axis=1)

    def genres_known(self) -> np.ndarray:
        """True for items with at least one genre (a ReDial film missing from the Wikipedia
        file has none). Read-only: shared by every filter."""
        return self._genres_known

    def cast_name(self, name: str) -> str | None:
        """The catalogue's spelling of a cast member's name (case-insensitive), if any."""
        return _spelling(self._cast_items, name)

    def cast_alias(self, word: str) -> str | None:
        """The cast member one word of a name stands for on its own, if any (`cast_aliases`)."""
        return self._cast_aliases.get(word.lower())

    def cast_mask(self, names: tuple[str, ...] | list[str]) -> np.ndarray:
        """True for items starring any of `names` (case-insensitive; unknown names match
        nothing). Any, not every: people list actors as alternatives ("Adam Sandler or Jim
        Carrey")."""
        return _credited_mask(self._cast_items, names, len(self))

    def directors_of(self, item_id: int) -> tuple[str, ...]:
        """An item's directors (none known for retail, or where the extract names none)."""
        return self.directors[int(item_id)] if self.directors else ()

    def credited(self, name: str) -> frozenset[int]:
        """The items that credit `name` (case-insensitive) as cast or director."""
        return frozenset(i for index in (self._cast_items, self._director_items)
                         for i in index.get(name.lower(), ("", []))[1])

    def director_name(self, name: str) -> str | None:
        """The catalogue's spelling of a director's name (case-insensitive), if any."""
        return _spelling(self._director_items, name)

    def director_alias(self, word: str) -> str | None:
        """The director one word of a name stands for on its own ("Nolan", "Spielberg")."""
        return self._director_aliases.get(word.lower())

    def director_mask(self, names: tuple[str, ...] | list[str]) -> np.ndarray:
        """True for items directed by any of `names` (case-insensitive)."""
        return _credited_mask(self._director_items, names, len(self))

    def sequels_of(self, item_id: int) -> tuple[int, ...]:
        """The later films of an item's series, as their extracts say ("It is the sequel to
        the 1979 ... film Alien", "the second installment in the Matrix film series") or as
        their titles carry its name ("The Matrix Reloaded"); for a record of no year (a series
        such as "Indiana Jones"), the films its name opens."""
        item_id = int(item_id)
        if item_id not in self._sequels:
            name = re.sub(r"^(?:the|a|an)\s+|\s*\(\d{4}\)$", "", self.titles[item_id], flags=re.I)
            said = re.compile(
                rf"\b(?:sequel|follow-up) to (?:the )?(?:(?:\d{{4}}(?:'s)?|[\w -]+ film) )*"
                # the whole title: "the sequel to the 2000 film Big Momma's House" is no Big's
                rf"(?:the )?{re.escape(name)}\b(?!'s|\s+(?-i:[A-Z]))|"
                rf"\b(?:installment|instalment|entry|film|chapter)"
                rf"(?: overall)? in the (?:original )?{re.escape(name)} (?:franchise|film series|"
                rf"series|trilogy|saga)\b", re.I)
            year = int(self.years[item_id])
            # "Alien: Resurrection", "Saw II", "Toy Story 3" (not "Alien Nation"); a record of
            # no year stands for its series ("Indiana Jones"): every film its name opens
            head = re.compile(rf"^(?:the |a |an )?{re.escape(name)}(?::| \d| [ivx]+\b| part\b"
                              rf"{'| ' if year < 0 else ''})", re.I)
            if not self._lowered:
                self._lowered.extend(f"{t}\n{d}".lower() for t, d in
                                     zip(self.titles, self.descriptions, strict=True))
            # both patterns need the name itself: a plain substring test first skips the
            # regexes for almost every item (a first sequel lookup took 25-140 ms without it)
            needle = name.lower()
            found = [i for i, text in enumerate(self._lowered)
                     if needle in text and i != item_id and int(self.years[i]) > year
                     and (year >= 0 and said.search(self.descriptions[i])
                          or head.match(self.titles[i]))]
            # the best known first: a reply naming some names those
            self._sequels[item_id] = tuple(sorted(found, key=lambda i: -self.popularity[i]))
        return self._sequels[item_id]

    def series_films(self, name: str) -> tuple[str, tuple[int, ...]]:
        """A series by its name ("james bond", "the fast and furious"): its spelling and its
        films, as the films' leads name it ("the fifteenth entry in the James Bond series"),
        as titles continue it ("Toy Story 3", "Alien: Covenant") or as extracts call a film
        the sequel of the film titled by it ("Aliens"); ("", ()) for no series of two films.
        Of the films titled by the name alone the best known is the series' ("Rocky (1976)",
        not "Rocky (2013)"), and a title that only continues the name or a sequel found by its
        title joins where it shares an actor or director with that film (`_share_people`:
        "Alien 3", not "Alien 51" nor "Batman: Revenge", a fan film)."""
        if not self._series:
            self._index_series()
        found = self._series.get(normalize_title(name))
        if found is None:
            return "", ()
        spelling, named, heads, titled = found
        first = max(titled, key=lambda i: self.popularity[i], default=None)
        films = [*named, *([first] if first is not None else [])]
        films += [i for i in heads if first is None or self._share_people(i, first)]
        films = self._linked_films(list(dict.fromkeys(films)))
        records = set(self.series_records(spelling))
        films = [i for i in films if i not in records]
        return (spelling, tuple(films)) if len(films) >= 2 else ("", ())

    def series_of(self, item_id: int) -> tuple[str, tuple[int, ...]]:
        """The series that holds a film (`series_films`), its spelling and films: of several,
        the one its title opens ("Harry Potter" for The Philosopher's Stone), else the
        largest; ("", ()) for none."""
        if not self._series:
            self._index_series()
        title = normalize_title(self.titles[int(item_id)])
        held = []
        for key, (spelling, *lists) in self._series.items():
            if key and any(item_id in films for films in lists) and \
                    item_id in (films := self.series_films(spelling)[1]):
                held.append((title.startswith(key), len(films), spelling, films))
        return max(held)[2:] if held else ("", ())

    def series_topic_films(self, topic: str) -> tuple[int, ...]:
        """The films of a series topic (`SERIES_TOPIC`), only its prequels or sequels where it
        says so ("Star Wars series prequels")."""
        said = SERIES_TOPIC.fullmatch(topic)
        if said is None:
            return ()
        films = self.series_films(said["name"])[1]
        if said["kind"]:
            kind = self.kind_mask(said["kind"].lower())
            films = tuple(i for i in films if kind[i])
        return films

    def titled(self, name: str) -> tuple[int, ...]:
        """The items titled `name`, whatever their year ("Jurassic Park" -> the 1993 film)."""
        if not self._series:
            self._index_series()
        return tuple(self._titled.get(normalize_title(name), ()))

    def series_records(self, name: str) -> tuple[int, ...]:
        """The records of a series' name and no year, which stand for the series itself and
        are no film of it ("Indiana Jones", "Harry Potter")."""
        if not self._series:
            self._index_series()
        return tuple(i for i in self.titled(name) if int(self.years[i]) <= 0)

    def _linked_films(self, films: list[int]) -> list[int]:
        """`films` and, again for each film added, the films their extracts call its sequels,
        the films it follows and the films that follow it (`_follow_links`: "a sequel to
        Raiders of the Lost Ark", "preceded by The Bourne Identity"), where the two share an
        actor or director: "Batman Forever" after "Batman Returns" after "Batman",
        "The Dark Knight" after "Batman Begins"."""
        films = list(films)
        follows, followers = self._follow_links()
        for film in films:  # grows as it goes
            if len(films) >= SERIES_MOST or int(self.years[film]) <= 0:
                continue
            for other in (*self.sequels_of(film), *follows.get(film, ()),
                          *followers.get(film, ())):
                if other not in films and self._share_people(other, film):
                    films.append(other)
        return films[:SERIES_MOST]

    def _follow_links(self) -> tuple[dict[int, list[int]], dict[int, list[int]]]:
        """Each film -> the films its extract says it follows (`_followed`), and each film ->
        the films whose extracts say they follow it ("It is preceded by The Bourne Identity":
        The Bourne Supremacy). Built once (about 0.1 s on the movie catalogue)."""
        if not self._follows:
            if not self._series:
                self._index_series()  # the title lookup of `_followed`
            follows: dict[int, list[int]] = {-1: []}  # filled, even for no such film
            followers: dict[int, list[int]] = {}
            for i, d in enumerate(self.descriptions):
                if ("quel to" in d or "follow-up to" in d or "preceded by" in d) and \
                        (followed := self._followed(i)):
                    follows[i] = followed
                    for j in followed:
                        followers.setdefault(j, []).append(i)
            self._follows.extend([follows, followers])
        return self._follows[0], self._follows[1]

    def _followed(self, item_id: int) -> list[int]:
        """The earlier films an item's extract says it follows: "a prequel to the 1981 film
        Raiders of the Lost Ark" (the longest title the words start, the best known of its
        namesakes released before the item)."""
        year = int(self.years[item_id])
        found = []
        for m in FOLLOWS.finditer(self.descriptions[item_id][:KIND_LEAD_CHARS]):
            words = m["title"].split()[:SERIES_TITLE_WORDS]
            for n in range(len(words), 0, -1):
                same = [i for i in self._titled.get(normalize_title(" ".join(words[:n])), ())
                        if 0 < int(self.years[i]) < year]
                if same:
                    found.append(max(same, key=lambda i: self.popularity[i]))
                    break
        return found

    def _share_people(self, item: int, other: int) -> bool:
        """The two share an actor or a director; where nothing is known of one's people, the
        item is well known (a fan film or namesake of a series seldom is: "Alien 51")."""
        people = [set(self.cast[i]) | set(self.directors_of(i)) for i in (item, other)]
        if not people[0] or not people[1]:
            return float(self.popularity[item]) >= SERIES_KNOWN_MENTIONS
        return bool(people[0] & people[1])

    def _index_series(self) -> None:
        # a name -> (its spelling, films whose lead names it, films whose title continues it,
        # films titled by it alone)
        names: dict[str, tuple[str, list[int], list[int], list[int]]] = {}

        def add(name: str, item: int, how: int) -> None:
            if len(key := normalize_title(name)) < 3 or key in ("the", "and", "of"):
                return  # "in the The ... franchise" names no series "the"
            entry = names.setdefault(key, (name, [], [], []))
            if item not in entry[how]:
                entry[how].append(item)

        for item, title in enumerate(self.titles):
            self._titled.setdefault(normalize_title(split_title_year(title)[0]), []).append(item)
        subtitled: dict[str, list[int]] = {}  # "The Phantom Menace" of "Star Wars: Episode I -"
        for item, title in enumerate(self.titles):
            if (part := SUBTITLE.search(split_title_year(title)[0])) and \
                    (key := normalize_title(part.group(1))) not in self._titled:
                subtitled.setdefault(key, []).append(item)
        self._titled.update(subtitled)
        titled = self._titled
        for item, text in enumerate(self.descriptions):
            for m in SERIES_LEAD.finditer(text[:KIND_LEAD_CHARS]):
                # an owner is the title's own where a title starts so ("in the Child's Play
                # film series"), else a maker's ("Raimi's Spider-Man trilogy")
                owned = f"{m['owner'] or ''}{m['name']}"
                add(owned if m["owner"] and normalize_title(owned) in titled else m["name"],
                    item, 1)
        # a head of a word or two letters is no name ("The 14", "Up 2")
        heads = {key for t in self.titles if (m := SERIES_HEAD.match(split_title_year(t)[0]))
                 and len(key := normalize_title(m.group(1))) > 2 and key not in ("the", "a", "an")}
        for item, title in enumerate(self.titles):
            name = split_title_year(title)[0]
            if (m := SERIES_HEAD.match(name)) and normalize_title(m.group(1)) in heads:
                add(m.group(1), item, 2)
            if normalize_title(name) in heads or normalize_title(name) in names:
                add(name, item, 3)
        names.update(self._series_aliases(names))
        # the name's words typed as one: "no spiderman", "the xmen movies"
        joined = {key.replace(" ", ""): key for key in names if " " in key}
        names.update({typed: names[key] for typed, key in joined.items()
                      if len(typed) >= JOINED_NAME_MIN and typed not in names})
        names[""] = ("", [], [], [])  # filled, even for a catalogue without series
        self._series.update(names)

    def _series_aliases(self, names: dict[str, tuple[str, list[int], list[int], list[int]]]
                        ) -> dict[str, tuple[str, list[int], list[int], list[int]]]:
        """The last word of a series' name where its films' extracts call its hero by that
        word alone ("Bond" for the James Bond series; not "Furious" of "Furious 7" nor
        "Impossible" of "Mission: Impossible III" or "Impossible Missions Force"), and no other
        series does: people say "bond
        movies"."""
        aliases: dict[str, list[str]] = {}
        for key, (spelling, named, _, _) in names.items():
            *rest, last = spelling.split()
            if not rest or len(named) < 2 or not last[:1].isupper():
                continue
            uses = 0
            for i in named:
                text = self.descriptions[i]
                for m in re.finditer(rf"\b{re.escape(last)}\b", text):
                    before = text[: m.start()].rstrip(" :-")
                    uses += not before.endswith(rest[-1].rstrip(":-")) and \
                        not re.match(r"\s*(?:[:–-]|\d|[A-Z])", text[m.end():])
            if uses >= SERIES_ALIAS_USES:
                aliases.setdefault(normalize_title(last), []).append(key)
        self._aliases.update(alias for alias, keys in aliases.items()
                             if len(keys) == 1 and alias not in names)
        return {alias: names[aliases[alias][0]] for alias in self._aliases}

    def series_alias(self, word: str) -> bool:
        """`word` alone names a series (`_series_aliases`: "bond")."""
        if not self._series:
            self._index_series()
        return normalize_title(word) in self._aliases

    def ordinary_word(self, word: str) -> bool:
        """The extracts write `word` in lower case now and then: an ordinary word ("alien",
        "house"), not only a name ("Rocky", "Shrek")."""
        if not self._lower_words:
            self._count_lower_words()
        return self._lower_words[word.lower()] >= ORDINARY_USES

    def ordinary_phrase(self, phrase: str) -> bool:
        """The extracts write `phrase` in lower case now and then: words of a kind ("haunted
        house"), not only a name ("Star Wars"). About a millisecond the first time."""
        if phrase not in self._lower_phrases:
            if not self._extracts:
                self._extracts.append("\n".join(self.descriptions))
            self._lower_phrases[phrase] = self._extracts[0].count(phrase) >= ORDINARY_USES
        return self._lower_phrases[phrase]

    def _count_lower_words(self) -> None:
        self._lower_words.update(w for d in self.descriptions for w in LOWER_WORD.findall(d))
        self._lower_words[""] = 1  # filled, even for a catalogue of no words

    def index_words(self) -> None:
        """Build the word lookups of `knows_word` and `topic_mask` now (a few hundred ms on
        the movie catalogue) rather than inside the first chat turn that needs them."""
        if not self._series:
            self._index_series()
        if not self._lower_words:
            self._count_lower_words()
        if not self._words:
            for i in range(len(self)):
                self._words.update(TOPIC_WORD.findall(
                    f"{self.titles[i]} {self.descriptions[i]} {' '.join(self.genres[i])}".lower()))
        if not self._topic_words:
            # a decade anywhere in the summary (where a story is set is seldom in its lead), and
            # the film's own: "set in the 40s" finds war films made then, whose summaries
            # seldom say when they are set
            self._topic_words.extend(
                frozenset(TOPIC_WORD.findall(f"{t} {d[:TOPIC_LEAD_CHARS]}".lower())) | _joined(t)
                | frozenset(DECADE_WORD.findall(d.lower()))
                | (frozenset({f"{y // 10 * 10}s", str(y)}) if y > 0 else frozenset())
                for t, d, y in zip(self.titles, self.descriptions, self.years.tolist(),
                                   strict=True))

    def phrase_mask(self, phrase: str) -> np.ndarray:
        """True for items whose title or description lead holds every word of `phrase`
        (`topic_mask` per word): "lunch bag" is no shopper bag."""
        mask = np.ones(len(self), dtype=bool)
        for word in phrase.split():
            mask &= self.topic_mask((word,))
        return mask

    def not_for_sale(self) -> list[int]:
        """Items that are service charges, not goods (`SERVICE_LINE`); none on movies."""
        if not self._services:
            self._services.extend([i for i, t in enumerate(self.titles) if SERVICE_LINE.match(t)]
                                  or [-1])  # -1: looked, found none
        return [i for i in self._services if i >= 0]

    def person_word(self, word: str) -> bool:
        """`word` (any case) is part of some actor's or director's name ("Grant", "Hanks")."""
        if not self._person_words:
            names = [n for people in (*self.cast, *(self.directors or ())) for n in people]
            self._person_words.update(w.lower() for n in names for w in n.split())
            self._person_words.add("")  # filled, even for a catalogue without people
        return word.lower() in self._person_words

    def titles_with(self, word: str) -> int:
        """How many titles hold `word` (any case): "Night" 70, "Nolan" 1, "Spielberg" 0."""
        if not self._title_words:
            self._title_words.update(Counter(w for t in self.titles
                                             for w in set(TOPIC_WORD.findall(t.lower()))))
        return self._title_words.get(word.lower(), 0)

    def knows_word(self, word: str) -> bool:
        """`word` (lower case) appears in some title, description or genre of the catalogue."""
        self.index_words()
        return word in self._words

    def topic_mask(self, topics: tuple[str, ...] | list[str]) -> np.ndarray:
        """True for items whose title or description lead (its first TOPIC_LEAD_CHARS
        characters: "a 1990 Christmas comedy film ... released by Walt Disney Pictures") has
        any of the one-word `topics` as a word, in the singular or the plural, case-insensitive
        ("PAPER CHAIN KIT 50'S CHRISTMAS", "mugs" for "LOCAL CAFE MUG")."""
        self.index_words()  # once; each topic's mask once too
        mask = np.zeros(len(self), dtype=bool)
        for topic in topics:
            key = topic.lower()
            if key in FILM_KINDS:
                mask |= self.kind_mask(key)
                continue
            if SERIES_TOPIC.fullmatch(key):  # "james bond series": its films
                mask[list(self.series_topic_films(key))] = True
                continue
            if key in FILM_SUBJECTS and any(self.descriptions):
                mask |= self.subject_mask(key)
                continue
            if " " in key:  # "tea towels": items naming every word of it
                mask |= self.phrase_mask(key)
                continue
            if key not in self._topic_masks:
                forms = word_forms(key)
                found = np.fromiter((not forms.isdisjoint(words) for words in self._topic_words),
                                    dtype=bool, count=len(self))
                found.setflags(write=False)
                self._topic_masks[key] = found
            mask |= self._topic_masks[key]
        return mask

    def subject_mask(self, subject: str) -> np.ndarray:
        """True for the films about one of FILM_SUBJECTS: its words in the summary, lower
        case, or in the title of a film without a summary (`FILM_SUBJECTS`)."""
        key = f"\0subject:{subject}"  # a key no topic word can be
        if key not in self._topic_masks:
            words = "|".join(FILM_SUBJECTS[subject])
            said = re.compile(rf"\b(?:{words})(?:e?s)?\b")
            titled = re.compile(said.pattern, re.I)
            mask = np.fromiter((said.search(d) is not None if d else titled.search(t) is not None
                                for t, d in zip(self.titles, self.descriptions, strict=True)),
                               dtype=bool, count=len(self))
            mask.setflags(write=False)
            self._topic_masks[key] = mask
        return self._topic_masks[key]

    def kind_mask(self, kind: str) -> np.ndarray:
        """True for the films that are of `kind` (one of FILM_KINDS) by their title or
        their lead: sequels ("Taken 3", "the sequel to ..."), prequels ("a prequel to ...", "the
        prequel trilogy"), remakes ("a remake of ...")."""
        if kind not in self._topic_masks:
            if kind == "sequels":
                # a numbered title is a sequel only of an earlier film of the name before the
                # number ("Toy Story 3"; not "District 9", "Apollo 13", "Ocean's 8"), and only
                # where the number could follow the films of that name ("Super 8" is no
                # eighth "Super", "Chicago 10" no tenth "Chicago")
                names = [split_title_year(t)[0] for t in self.titles]
                numbers = [SEQUEL_TITLE.search(name) for name in names]
                series: dict[str, list[int]] = {}  # a name -> the years of its films
                for name, numbered, year in zip(names, numbers, self.years.tolist(),
                                                strict=True):
                    key = normalize_title(name[: numbered.start()] if numbered else name)
                    series.setdefault(key, []).append(year if year > 0 else 9999)
                found = []
                for name, numbered, text, year in zip(names, numbers, self.descriptions,
                                                      self.years.tolist(), strict=True):
                    base = normalize_title(name[: numbered.start()]) if numbered else ""
                    earlier = [y for y in series.get(base, []) if year <= 0 or y < year]
                    found.append(bool(SEQUEL_LEAD.search(text[:KIND_LEAD_CHARS])) or (
                        numbered is not None and bool(earlier) and _sequel_number(
                            numbered.group(0))
                        <= len(earlier) + SEQUEL_GAP))
            elif kind == "prequels":
                found = self._prequels()
            else:
                found = [bool(REMAKE_LEAD.search(d[:KIND_LEAD_CHARS])) for d in self.descriptions]
            mask = np.array(found, dtype=bool)
            mask.setflags(write=False)
            self._topic_masks[kind] = mask
        return self._topic_masks[kind]

    def _prequels(self) -> list[bool]:
        """Prequels by their lead ("the first installment of the Star Wars prequel trilogy")
        and the films that follow one ("The sequel to The Phantom Menace", "Alien: Covenant"
        after "Prometheus"), each a prequel too."""
        found = [bool(PREQUEL_LEAD.search(d[:KIND_LEAD_CHARS])) for d in self.descriptions]
        follows = self._follow_links()[0]
        grown = True
        while grown:  # a chain of them: "Dawn of ...", then "War for the Planet of the Apes"
            grown = False
            for i, followed in follows.items():
                if i >= 0 and not found[i] and any(found[j] for j in followed):
                    found[i] = grown = True
        return found

    def opened_mask(self, words: tuple[str, ...] | list[str]) -> np.ndarray:
        """Retail: True for products whose name has a longer word opened by one of `words`
        (singular, 4 letters or more): "birds" -> "birdhouse", "birdcage"; all False on a
        catalogue of films, whose summaries are prose."""
        stems = tuple({w.lower()[:-1] if w.lower().endswith("s") else w.lower()
                       for w in words if " " not in w} - {""})
        stems = tuple(sorted(w for w in stems if len(w) >= 4))
        if self.name != "retail" or not stems:
            return np.zeros(len(self), dtype=bool)
        key = "\0opened:" + " ".join(stems)  # once per set of words: every turn filters again
        if key not in self._topic_masks:
            self.index_words()
            shortest = len(min(stems, key=len)) + 1
            mask = np.fromiter((any(w.startswith(stems) and len(w) > shortest
                                    for w in item_words) for item_words in self._topic_words),
                               dtype=bool, count=len(self))
            mask.setflags(write=False)
            self._topic_masks[key] = mask
        return self._topic_masks[key]

    def adult_mask(self) -> np.ndarray:
        """True for items no list for children may hold: an adult genre, or a lead that says
        "an adult animated comedy"."""
        if "\0adult" not in self._topic_masks:
            mask = self.genre_mask(ADULT_GENRES) | np.array(
                [bool(ADULT_LEAD.search(d[:KIND_LEAD_CHARS])) for d in self.descriptions],
                dtype=bool)
            mask.setflags(write=False)
            self._topic_masks["\0adult"] = mask  # a key no topic word can be
        return self._topic_masks["\0adult"]

    def category_word_mask(self, categories: tuple[str, ...] | list[str]) -> np.ndarray:
        """Retail: True for items whose name says a word of one of `categories` (its own name
        or a keyword of it, in any form: "jewellery box", "scented t-lights") whatever
        categories the item was given; all False on a catalogue with categories of its own."""
        if self.name != "retail":
            return np.zeros(len(self), dtype=bool)
        words = {"".join(TOPIC_WORD.findall(w)) for c in categories  # "t-light" -> "tlight"
                 for w in (c, *(k for k, v in RETAIL_CATEGORIES.items() if v == c),
                           *CATEGORY_THEMES.get(c, ()))
                 if " " not in w}
        self.index_words()
        # and a longer word opened by one of five letters or more: "candleholder"
        stems = tuple(w for w in words if len(w) >= 5)
        opened = np.fromiter((any(w.startswith(stems) for w in item_words)
                              for item_words in self._topic_words), dtype=bool, count=len(self))
        return self.topic_mask(sorted(words)) | opened

    def fingerprint(self) -> str:
        """Hash of the catalogue's content, for artifact manifests and caches."""
        digest = hashlib.sha256()
        for i in range(len(self)):
            digest.update(self.external_ids[i].encode())
            digest.update(self.item_text(i).encode())
        return digest.hexdigest()[:16]


# ---------------------------------------------------------------------------------------------
# Movies: ReDial catalogue joined to Wikipedia films


def _read_redial_movies(path: Path) -> list[tuple[str, str, int]]:
    rows = []
    with open_text(path) as handle:
        reader = csv.reader(handle)
        header = next(reader, None)
        if header is None or header[:2] != ["movieId", "movieName"]:
            raise DataError("expected header movieId,movieName,nbMentions", path=path, line=1)
        for line_no, row in enumerate(reader, start=2):
            if len(row) < 2 or not row[0].strip().isdigit():
                raise DataError(f"malformed row {row!r}", path=path, line=line_no)
            mentions = int(row[2]) if len(row) > 2 and row[2].strip().isdigit() else 0
            # ReDial wrote some names URL-encoded ("Why Him%3F", "%22Crocodile%22 Dundee"):
            # shown and typed as "Why Him?" (only %XX sequences change: "100%" stays)
            rows.append((row[0].strip(), unquote(row[1]), mentions))
    return rows


def _read_wikipedia(folder: Path) -> dict[str, list[dict]]:
    """normalised title -> Wikipedia film entries."""
    files = sorted(folder.glob("movies-*.json*"))
    if not files:
        raise DataError(f"no movies-*.json.xz files in {folder}", path=folder)
    by_title: dict[str, list[dict]] = defaultdict(list)
    for path in files:
        with open_text(path) as handle:
            try:
                films = json.load(handle)
            except json.JSONDecodeError as exc:
                raise DataError(f"invalid JSON: {exc.msg}", path=path, line=exc.lineno) from exc
        for film in films:
            if isinstance(film, dict) and film.get("title"):
                by_title[normalize_title(str(film["title"]))].append(film)
    return by_title


def _match_film(candidates: list[dict], year: int | None) -> dict | None:
    if not candidates:
        return None
    if year is None:
        return candidates[0] if len(candidates) == 1 else None
    close = [f for f in candidates if isinstance(f.get("year"), int) and abs(f["year"] - year) <= 1]
    if not close:
        return None
    return min(close, key=lambda f: abs(f["year"] - year))


# Wikipedia's starring lists carry role notes: "(voices)" after a voice cast, writers ahead of a
# "(writers)" or "(book)" note, "Paul Burke (actor)" for a disambiguated page, and fragments of a
# note cut at its "(" ("writer)"); only the names of people who act are cast
_WRITING_NOTE = re.compile(r"\b(?:screen)?(?:writers?|play|story|book|novel|teleplay)\)$", re.I)
_ROLE_NOTE = re.compile(r"\s*\((?:actor|actress|singer|rapper|musician|comedian|voices?|"
                        r"voice of|narrator)\)$", re.I)


def clean_cast(names: list[str] | tuple[str, ...]) -> tuple[str, ...]:
    """The actors of a Wikipedia starring list, without its notes: writers credited ahead of a
    writing note are left out, a note alone or cut in half is dropped, and a disambiguation
    ("Paul Burke (actor)") is taken off the name."""
    names = [str(n).strip() for n in names]
    writers = [k for k, n in enumerate(names) if _WRITING_NOTE.search(n)]
    if writers:
        names = names[writers[-1] + 1 :]
    out = []
    for name in names:
        name = _ROLE_NOTE.sub("", name).strip()
        if name and not name.startswith("(") and name.count("(") == name.count(")"):
            out.append(name)
    return tuple(dict.fromkeys(out))


def load_movies(data_dir: Path) -> Catalog:
    movies_path = Path(data_dir) / "redial" / "movies_with_mentions.csv.xz"
    rows = _read_redial_movies(movies_path)
    wiki = _read_wikipedia(Path(data_dir) / "wikipedia_movies")
    ext, titles, years, genres, cast, descs, pops = [], [], [], [], [], [], []
    images: list[str] = []
    directors: list[tuple[str, ...]] = []
    matched_items = matched_mentions = total_mentions = 0
    for movie_id, name, mentions in rows:
        title, year = split_title_year(name)
        film = _match_film(wiki.get(normalize_title(title), []), year)
        if year is None and film is not None and isinstance(film.get("year"), int):
            year = film["year"]
        ext.append(movie_id)
        titles.append(title or name.strip() or f"movie {movie_id}")
        years.append(year if year is not None else -1)
        genres.append(tuple(film.get("genres", [])) if film else ())
        cast.append(clean_cast(film.get("cast", [])) if film else ())
        descs.append(str(film.get("extract", "")) if film else "")
        directors.append(directors_from_extract(descs[-1]))
        thumbnail = film.get("thumbnail") if film else None
        images.append(thumbnail if isinstance(thumbnail, str) and
                      thumbnail.startswith("https://") else "")
        pops.append(mentions)
        total_mentions += mentions
        if film is not None:
            matched_items += 1
            matched_mentions += mentions
    stats = {
        "items": len(rows),
        "matched_items": matched_items,
        "item_coverage": matched_items / max(len(rows), 1),
        "mention_coverage": matched_mentions / max(total_mentions, 1),
    }
    return Catalog(
        name="movies",
        external_ids=tuple(ext),
        titles=tuple(titles),
        years=np.asarray(years, dtype=np.int32),
        prices=np.full(len(ext), np.nan, dtype=np.float32),
        genres=tuple(genres),
        cast=tuple(cast),
        descriptions=tuple(descs),
        popularity=np.asarray(pops, dtype=np.float32),
        stats=stats,
        images=tuple(images),
        directors=tuple(directors),
    )


# ---------------------------------------------------------------------------------------------
# Retail: UCI Online Retail products

_PRODUCT_CODE = re.compile(r"^\d{5}")  # real products; POST, D, M, BANK CHARGES, DOT, ... are not
# service lines under a product code ("Next day carriage", "Packing charge"): kept in the data
# (baskets hold them, item ids stay put) but never offered in a chat
SERVICE_LINE = re.compile(r"^(?:next day carriage|packing charge)$", re.I)

# Description keyword -> category; the catalogue has no categories of its own.
RETAIL_CATEGORIES: dict[str, str] = {
    "christmas": "christmas", "xmas": "christmas", "advent": "christmas",
    "bag": "bags", "bags": "bags", "tote": "bags", "shopper": "bags",
    "mug": "kitchen", "cup": "kitchen", "plate": "kitchen", "bowl": "kitchen", "jug": "kitchen",
    "teapot": "kitchen", "napkins": "kitchen", "cutlery": "kitchen", "spoon": "kitchen",
    "cake": "baking", "baking": "baking", "cases": "baking", "tray": "kitchen", "lunch": "kitchen",
    "bottle": "kitchen", "jar": "kitchen", "tin": "storage", "box": "storage", "boxes": "storage",
    "basket": "storage", "drawer": "storage", "storage": "storage",
    "candle": "candles", "t-light": "candles", "tealight": "candles", "candles": "candles",
    "light": "lighting", "lights": "lighting", "lantern": "lighting", "lamp": "lighting",
    "card": "cards and wrap", "cards": "cards and wrap", "wrap": "cards and wrap",
    "paper": "cards and wrap", "ribbon": "cards and wrap", "tissue": "cards and wrap",
    "sign": "home decor", "frame": "home decor", "hanging": "home decor", "wall": "home decor",
    "mirror": "home decor", "clock": "clocks", "cushion": "home decor", "doormat": "home decor",
    "decoration": "home decor", "ornament": "home decor", "wreath": "home decor",
    "party": "party", "bunting": "party", "balloons": "party", "birthday": "party",
    "garden": "garden", "plant": "garden", "flower": "garden", "seed": "garden",
    "toy": "toys and games", "game": "toys and games", "doll": "toys and games",
    "puzzle": "toys and games", "skipping": "toys and games", "playhouse": "toys and games",
    "children": "children", "childrens": "children", "baby": "children", "kids": "children",
    "necklace": "jewellery", "bracelet": "jewellery", "earrings": "jewellery", "ring": "jewellery",
    "pen": "stationery", "pencil": "stationery", "notebook": "stationery", "stickers": "stationery",
    "sticker": "stationery", "eraser": "stationery", "ruler": "stationery",
    "heart": "hearts", "hearts": "hearts", "vintage": "vintage", "retrospot": "retrospot",
    "umbrella": "accessories", "purse": "accessories", "scarf": "accessories",
    "bathroom": "bathroom", "soap": "bathroom", "towel": "bathroom",
}


# words of a category's theme that name no category of their own: set aside with it ("not
# christmas" had still shown reindeer decorations and a Santa card)
CATEGORY_THEMES: dict[str, tuple[str, ...]] = {
    "christmas": ("reindeer", "santa", "snowman", "snowmen", "snowflake", "snowflakes", "snow",
                  "snowy", "robin", "jingle", "nativity", "mistletoe", "tinsel", "bauble",
                  "baubles", "sleigh", "elf", "stocking", "noel", "holly"),
    "hearts": ("valentine", "valentines"),
}


# keywords that often only describe a product of another kind: "Ring of roses birthday card",
# "Brocade ring purse", "Gold flower cushion cover"; they give their category only when no
# other keyword says what the product is
DESCRIBING_KEYWORDS = frozenset({"ring", "flower"})
# "Mixed nuts light green bowl": a shade, not a light
_SHADE = re.compile(r"\blight\s+(?=(?:pink|blue|green|grey|gray|brown|purple|yellow|topaz|teal|"
                    r"red|gold|silver|rose|lilac|lemon)\b)")


def retail_categories(description: str) -> tuple[str, ...]:
    words = [w for w in re.findall(r"[a-z][a-z\-]*", _SHADE.sub("", description.lower()))
             if w in RETAIL_CATEGORIES]
    kinds = [w for w in words if w not in DESCRIBING_KEYWORDS and
             RETAIL_CATEGORIES[w] not in ("hearts", "vintage", "retrospot", "christmas", "party",
                                          "storage")]  # "Diamante ring assorted in box"
    return tuple(sorted({RETAIL_CATEGORIES[w] for w in words
                         if w not in DESCRIBING_KEYWORDS or not kinds}))


@dataclass(frozen=True)
class RetailLine:
    invoice: str
    stock_code: str
    description: str
    quantity: int
    date: str  # ISO 'YYYY-MM-DD HH:MM:SS', sortable
    price: float
    customer_id: str


def read_retail_lines(path: Path) -> Iterator[RetailLine]:
    """Rows of an Online Retail CSV; a malformed row raises DataError with its line."""
    with open_text(path) as handle:
        reader = csv.reader(handle)
        header = next(reader, None)
        expected = ["InvoiceNo", "StockCode", "Description", "Quantity", "InvoiceDate",
                    "UnitPrice", "CustomerID", "Country"]
        if header is None or [h.strip() for h in header[:8]] != expected:
            raise DataError(f"expected header {','.join(expected)}", path=path, line=1)
        for line_no, row in enumerate(reader, start=2):
            if not row:
                continue
            try:
                invoice, code, desc, qty, date, price, customer = (x.strip() for x in row[:7])
                quantity = int(float(qty))
                unit_price = float(price)
            except ValueError as exc:
                raise DataError(f"malformed row {row!r}: {exc}", path=path, line=line_no) from exc
            customer = customer[:-2] if customer.endswith(".0") else customer
            yield RetailLine(invoice, code.upper(), desc, quantity, date, unit_price, customer)


def is_product(line: RetailLine) -> bool:
    return bool(_PRODUCT_CODE.match(line.stock_code)) and bool(line.description)


def load_retail(data_dir: Path) -> Catalog:
    path = Path(data_dir) / "online_retail" / "online_retail.csv.xz"
    descriptions: dict[str, Counter] = defaultdict(Counter)
    prices: dict[str, list[float]] = defaultdict(list)
    baskets: dict[str, set[str]] = defaultdict(set)
    for line in read_retail_lines(path):
        if not is_product(line) or line.invoice.startswith("C") or line.quantity <= 0:
            continue
        descriptions[line.stock_code][line.description] += 1
        if line.price > 0:
            prices[line.stock_code].append(line.price)
        baskets[line.stock_code].add(line.invoice)
    codes = sorted(c for c in descriptions if prices.get(c))
    titles = [descriptions[c].most_common(1)[0][0].strip() for c in codes]
    return Catalog(
        name="retail",
        external_ids=tuple(codes),
        titles=tuple(t.capitalize() for t in titles),
        years=np.full(len(codes), -1, dtype=np.int32),
        prices=np.asarray([np.median(prices[c]) for c in codes], dtype=np.float32),
        genres=tuple(retail_categories(t) for t in titles),
        cast=tuple(() for _ in codes),
        descriptions=tuple("" for _ in codes),
        popularity=np.asarray([len(baskets[c]) for c in codes], dtype=np.float32),
        stats={"items": len(codes)},
    )


# ---------------------------------------------------------------------------------------------
# Custom: a user's own catalogue

CUSTOM_COLUMNS = ("item_id", "title", "year", "price", "genres", "description")


def load_custom(path: Path, name: str = "custom") -> Catalog:
    """A CSV with header item_id,title,year,price,genres,description (genres '|'-separated;
    year, price, genres and description may be empty)."""
    path = Path(path)
    ext, titles, years, prices, genres, descs = [], [], [], [], [], []
    with open_text(path) as handle:
        reader = csv.reader(handle)
        header = next(reader, None)
        if header is None or tuple(h.strip() for h in header[:6]) != CUSTOM_COLUMNS:
            raise DataError(f"expected header {','.join(CUSTOM_COLUMNS)}", path=path, line=1)
        seen: set[str] = set()
        for line_no, row in enumerate(reader, start=2):
            if not row:
                continue
            if len(row) < 2 or not row[0].strip() or not row[1].strip():
                raise DataError("each row needs an item_id and a title", path=path, line=line_no)
            row = [*row, "", "", "", ""][:6]
            item_id = row[0].strip()
            if item_id in seen:
                raise DataError(f"duplicate item_id {item_id!r}", path=path, line=line_no)
            seen.add(item_id)
            try:
                year = int(row[2]) if row[2].strip() else -1
                price = float(row[3]) if row[3].strip() else float("nan")
            except ValueError as exc:
                raise DataError(f"bad year or price: {exc}", path=path, line=line_no) from exc
            ext.append(item_id)
            titles.append(row[1].strip())
            years.append(year)
            prices.append(price)
            genres.append(tuple(g.strip() for g in row[4].split("|") if g.strip()))
            descs.append(row[5].strip())
    if not ext:
        raise DataError("catalogue has no items", path=path)
    return Catalog(
        name=name,
        external_ids=tuple(ext),
        titles=tuple(titles),
        years=np.asarray(years, dtype=np.int32),
        prices=np.asarray(prices, dtype=np.float32),
        genres=tuple(genres),
        cast=tuple(() for _ in ext),
        descriptions=tuple(descs),
        popularity=np.zeros(len(ext), dtype=np.float32),
        stats={"items": len(ext)},
    )


def load_catalog(name: str, data_dir: Path) -> Catalog:
    """A shipped catalogue by name, or a custom CSV path."""
    if name == "movies":
        return load_movies(data_dir)
    if name == "retail":
        return load_retail(data_dir)
    if name.endswith((".csv", ".csv.xz")):
        return load_custom(Path(name), name=Path(name).name.split(".")[0])
    raise DataError(f"unknown catalogue {name!r}; choose one of {', '.join(CATALOG_NAMES)} "
                    "or pass a catalogue CSV path")
