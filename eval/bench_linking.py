"""`because bench linking`: title-linking precision / recall on ReDial validation mentions typed
as people type them, and links made for film titles the catalogue does not hold.

Each validation seeker message that mentions catalogue movies is rendered several ways: as
written (the catalogue title), the title in lower case, without its leading article, with one
small typo (two inner letters swapped), that typo in lower case, and the whole message in lower
case. Gold = the ids the message mentions; predicted = TitleLinker.find_titles on the rendered
text (with the build's link prior). Micro precision / recall per variant and over all.
"""

from __future__ import annotations

import argparse
import re

from tqdm import tqdm

from assistant.factory import load_understanding
from assistant.linking import TitleLinker
from core.catalog import Catalog, load_catalog, normalize_title
from core.datasets import shipped_dialogues
from core.settings import Settings

MENTION = re.compile(r"@(\d+)")
NOT_IN_CATALOGUE = (  # films from 2019 on (ReDial's catalogue ends in 2018)
    "Oppenheimer", "Everything Everywhere All at Once", "Barbie", "Parasite", "Joker",
    "Knives Out", "Dune: Part Two", "Top Gun: Maverick", "The Banshees of Inisherin", "Tár",
    "Past Lives", "Killers of the Flower Moon", "Poor Things", "Anatomy of a Fall",
    "The Zone of Interest", "Spider-Man: Into the Spider-Verse", "Spider-Man: No Way Home",
    "Avengers: Endgame", "Avengers: Infinity War Part Two", "Nomadland", "Minari",
    "Sound of Metal", "The Power of the Dog", "CODA", "Belfast", "Drive My Car", "Encanto",
    "Turning Red", "Elemental", "Wish", "Soul", "Luca", "Onward", "1917", "Jojo Rabbit",
    "Ford v Ferrari", "Once Upon a Time in Hollywood", "Marriage Story", "The Irishman",
    "Little Women (2019)", "Midsommar", "Us", "Hereditary Returns", "Tenet", "The Batman",
    "Glass Onion", "The Fabelmans", "Aftersun", "Bullet Train", "Saltburn", "The Holdovers",
    "American Fiction", "Godzilla Minus One", "Wonka", "Napoleon (2023)", "Barbarian",
    "Nope", "Prey (2022)", "Top Gun Maverick", "John Wick: Chapter 4",
)
# later films of series the catalogue holds: the words of a film we know are inside each
NEWER_IN_SERIES = (
    "Frozen 2", "Frozen II", "John Wick 3", "Inside Out 2", "Moana 2", "Deadpool 3",
    "Avatar: The Way of Water", "Guardians of the Galaxy Vol. 3", "Black Panther: Wakanda Forever",
    "Mission: Impossible - Dead Reckoning", "Fast X", "Joker: Folie a Deux", "Despicable Me 4",
    "Toy Story 5", "Shrek 5", "Kung Fu Panda 4", "Jurassic World Dominion",
    "Doctor Strange in the Multiverse of Madness", "Thor: Love and Thunder",
    "Ant-Man and the Wasp: Quantumania", "The Matrix Resurrections", "Ghostbusters: Afterlife",
    "Halloween Kills", "Scream VI", "A Quiet Place Part II", "Venom: Let There Be Carnage",
    "No Time to Die", "Wonder Woman 1984", "Aquaman and the Lost Kingdom",
    "The Super Mario Bros. Movie", "Spider-Man: Across the Spider-Verse", "Creed III",
    "Indiana Jones and the Dial of Destiny", "Beetlejuice Beetlejuice", "Gladiator II",
    "Alien: Romulus", "Godzilla x Kong: The New Empire", "Bad Boys for Life", "Avengers Endgame",
    "Top Gun Maverick 2", "Spider-Man No Way Home",
)
VARIANTS = ("as written", "lower-case title", "no article", "typo", "lower-case typo",
            "lower-case message")


def typed(title: str, variant: str) -> str:
    if variant == "lower-case title":
        return title.lower()
    if variant == "no article":
        return re.sub(r"^(?:the|a|an)\s+", "", title, flags=re.I)
    if variant == "lower-case typo":
        return typed(title, "typo").lower()
    if variant == "typo":
        words = title.split()
        longest = max(range(len(words)), key=lambda i: len(words[i]))
        word = words[longest]
        if len(word) >= 6:
            middle = len(word) // 2
            words[longest] = word[:middle] + word[middle + 1] + word[middle] + word[middle + 2:]
        return " ".join(words)
    return title


def render(raw: str, catalog: Catalog, variant: str) -> str:
    def title(match: re.Match) -> str:
        index = catalog.index_of(match.group(1))
        return typed(catalog.titles[index], variant) if index is not None else "a movie"
    text = MENTION.sub(title, raw)
    return text.lower() if variant == "lower-case message" else text


def score(linker: TitleLinker, catalog: Catalog, messages: list, variant: str) -> dict:
    """Micro counts by item id, and by title (a link to "Heat (1986)" where the person meant
    "Heat (1995)" is the right title in the wrong version: right by title, wrong by id)."""
    tp = fp = fn = title_tp = title_fp = title_fn = 0
    for utterance in messages:
        predicted = {r.item_id for r in linker.find_titles(render(utterance.raw_text, catalog,
                                                                  variant))}
        gold = set(utterance.item_ids)
        tp, fp, fn = tp + len(predicted & gold), fp + len(predicted - gold), \
            fn + len(gold - predicted)
        gold_titles = {normalize_title(catalog.titles[i]) for i in gold}
        right = sum(normalize_title(catalog.titles[i]) in gold_titles for i in predicted)
        title_tp, title_fp = title_tp + right, title_fp + len(predicted) - right
        found_titles = {normalize_title(catalog.titles[i]) for i in predicted}
        title_fn += len(gold_titles - found_titles)
    return {"variant": variant, "precision": round(tp / max(tp + fp, 1), 3),
            "recall": round(tp / max(tp + fn, 1), 3),
            "title_precision": round(title_tp / max(title_tp + title_fp, 1), 3),
            "title_recall": round(title_tp / max(title_tp + title_fn, 1), 3),
            "tp": tp, "fp": fp, "fn": fn, "title_tp": title_tp, "title_fp": title_fp,
            "title_fn": title_fn}


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(prog="because bench linking", description=__doc__)
    p.add_argument("--limit", type=int, default=0, help="first N messages only (smoke runs)")
    args = p.parse_args(argv)
    settings = Settings()
    catalog = load_catalog("movies", settings.data_dir)
    prior, _, missing = load_understanding("movies", settings.artifact_dir("movies"))
    if missing:
        print("no title link prior in the artifacts (run `because build movies`): common-word "
              "list only")
    linker = TitleLinker(catalog, prior=prior)
    valid = shipped_dialogues(settings.data_dir, catalog)["valid"]
    messages = [u for d in valid for u in d.utterances if u.role == "user" and u.item_ids
                and "@" in u.raw_text]
    if args.limit:
        messages = messages[: args.limit]
    rows = [score(linker, catalog, messages, v) for v in tqdm(VARIANTS, desc="variants")]
    total = {k: sum(r[k] for r in rows)
             for k in ("tp", "fp", "fn", "title_tp", "title_fp", "title_fn")}
    rows.append({"variant": "all",
                 "precision": round(total["tp"] / max(total["tp"] + total["fp"], 1), 3),
                 "recall": round(total["tp"] / max(total["tp"] + total["fn"], 1), 3),
                 "title_precision": round(total["title_tp"] / max(
                     total["title_tp"] + total["title_fp"], 1), 3),
                 "title_recall": round(total["title_tp"] / max(
                     total["title_tp"] + total["title_fn"], 1), 3)})
    print(f"{len(messages)} validation seeker messages with catalogue mentions")
    print(f"{'variant':22s} {'by id: precision':>16s} {'recall':>7s}   "
          f"{'by title: precision':>19s} {'recall':>7s}")
    for row in rows:
        print(f"{row['variant']:22s} {row['precision']:16.3f} {row['recall']:7.3f}   "
              f"{row['title_precision']:19.3f} {row['title_recall']:7.3f}")
    for name, titles in (("titles not in the catalogue", NOT_IN_CATALOGUE),
                         ("later films of our series", NEWER_IN_SERIES)):
        # after a verdict, and opening the message ("Avengers: Endgame was great" had linked
        # End Game as a misspelt "Endgame")
        for case, written, said in (
                ("as written", titles, "I really loved {}, what else?"),
                ("lower case", [t.lower() for t in titles], "I really loved {}, what else?"),
                ("opening the message", titles, "{} was great, what else?")):
            linked = {t: [r.text for r in linker.find_titles(said.format(t))] for t in written}
            wrong = {t: v for t, v in linked.items() if v}
            print(f"{name} ({case}): {len(titles)}, linked to something: {len(wrong)} "
                  f"{wrong if wrong else ''}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
