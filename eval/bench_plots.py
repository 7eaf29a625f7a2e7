"""`python -m eval bench plots`: which film is it? Films described by their plot, as people
remember them ("the movie where a guy relives the same day"), written by hand (not from the
summaries) for films the catalogue holds; the rank of the right film in each words-led list.

Two sets: TUNE chose the served weights (`retrieval.hybrid.WORDS_LEXICAL_WEIGHTS`,
`WORDS_POPULARITY`), CHECK was written before any of them was tried and only checks. Rows: the
dense text source alone, the lexical source (BM25) alone, the words-led mix served before the
lexical source (text plus popularity as a list), and the one served now. Hit@k counts a
description whose film is among the first k; MRR over the first 50; p50 ms per query, query
encodings not cached.
"""

from __future__ import annotations

import argparse
import statistics
import time

import numpy as np

from core.catalog import Catalog, load_catalog
from core.settings import Settings
from core.types import Query
from retrieval.base import Retriever
from retrieval.build import load_hybrid
from retrieval.hybrid import HybridRetriever

TUNE = (
    ("the movie where a guy relives the same day over and over", "Groundhog Day"),
    ("a man finds out his whole life is a tv show", "The Truman Show"),
    ("a clownfish dad searching the ocean for his son", "Finding Nemo"),
    ("toys that come to life when nobody is watching", "Toy Story"),
    ("a kid who can see dead people", "The Sixth Sense"),
    ("a guy with no short term memory who tattoos clues on his body", "Memento"),
    ("an astronaut stranded on mars grows potatoes to survive", "The Martian"),
    ("dinosaurs brought back to life in a theme park", "Jurassic Park"),
    ("a giant shark terrorizes a beach town", "Jaws"),
    ("the ship that hits an iceberg and sinks", "Titanic"),
    ("a teenager accidentally travels back in time in a delorean", "Back to the Future"),
    ("thieves steal ideas by entering people's dreams", "Inception"),
    ("a robot left alone on earth cleaning up trash falls in love", "WALL-E"),
    ("an old man ties balloons to his house and flies away", "Up"),
    ("a girl falls down a rabbit hole into a strange world", "Alice in Wonderland"),
    ("two guys switch faces, a cop and a terrorist", "Face/Off"),
    ("a bus that will explode if it goes under 50 miles per hour", "Speed"),
    ("a soldier who wakes up on the same day again and again fighting aliens",
     "Edge of Tomorrow"),
    ("a boy wizard goes to a school of magic", "Harry Potter"),
    ("an insurance clerk who starts an underground fight club with a soap salesman",
     "Fight Club"),
    ("a hacker learns the world is a computer simulation", "The Matrix"),
    ("a family stuck in a snowed in hotel where the dad goes crazy", "The Shining"),
    ("a banker wrongly jailed for murdering his wife tunnels out of prison",
     "The Shawshank Redemption"),
    ("a slow but kind man from alabama who is present at big moments in american history",
     "Forrest Gump"),
    ("a lion cub whose uncle kills his father to become king", "The Lion King"),
    ("a little boy left home alone at christmas fights off burglars", "Home Alone"),
    ("a young woman trains with fbi and asks a cannibal for help catching a killer",
     "The Silence of the Lambs"),
    ("a man shrinks his kids by accident with a machine", "Honey, I Shrunk the Kids"),
    ("a princess with ice powers freezes her kingdom", "Frozen"),
    ("a rat who wants to be a chef in paris", "Ratatouille"),
    ("a group of kids find a pirate treasure map in their attic", "The Goonies"),
    ("an alien stranded on earth befriends a boy", "E.T. the Extra-Terrestrial"),
    ("soldiers go behind enemy lines to bring home one private whose brothers died",
     "Saving Private Ryan"),
    ("a couple erases each other from their memories after a breakup",
     "Eternal Sunshine of the Spotless Mind"),
    ("a hitman befriends a twelve year old girl in new york", "Léon: The Professional"),
    ("a woman gets revenge on the assassins who shot her at her wedding", "Kill Bill"),
    ("a giant marshmallow man attacks new york and ghost catchers stop it", "Ghostbusters"),
    ("a boxer from philadelphia gets a shot at the heavyweight title", "Rocky"),
    ("a mermaid who wants to be human trades her voice", "The Little Mermaid"),
    ("a prisoner on death row with healing powers", "The Green Mile"),
    ("an ogre rescues a princess with the help of a talking donkey", "Shrek"),
    ("two con men pull a big sting on a mob boss in the 1930s", "The Sting"),
    ("a man who ages backwards", "The Curious Case of Benjamin Button"),
    ("a cop fights terrorists in a los angeles skyscraper on christmas eve", "Die Hard"),
    ("a little girl's emotions inside her head as she moves city", "Inside Out"),
    ("a dead man's ghost helps his girlfriend with the help of a psychic", "Ghost"),
    ("the girl who falls in love with a vampire in high school", "Twilight"),
    ("a kid finds a board game that releases jungle animals", "Jumanji"),
    ("a blue alien world where a marine in a remote body joins the natives", "Avatar"),
)
CHECK = (
    ("a boy raised by wolves in the jungle befriends a bear and a panther", "The Jungle Book"),
    ("a man has to survive alone on an island with a volleyball", "Cast Away"),
    ("a teenage girl's mind swaps with her mother's on a friday", "Freaky Friday"),
    ("a father takes his family to a haunted hotel in the mountains for the winter",
     "The Shining"),
    ("a man in a wheelchair spies on his neighbours through his rear window and suspects "
     "murder", "Rear Window"),
    ("a superhero family forced to hide their powers", "The Incredibles"),
    ("an overweight panda becomes a kung fu master", "Kung Fu Panda"),
    ("a lawyer who can't lie for a whole day because of his son's birthday wish",
     "Liar Liar"),
    ("a gang of thieves rob three las vegas casinos at once", "Ocean's Eleven"),
    ("a boy befriends a giant robot from outer space during the cold war", "The Iron Giant"),
    ("a police chief, a scientist and a fisherman hunt a great white", "Jaws"),
    ("aliens that hunt by sound so everyone has to stay silent", "A Quiet Place"),
    ("an astronaut drifts in space after debris destroys her shuttle", "Gravity"),
    ("a car that talks and drives itself helps a lonely boy", "Herbie"),
    ("a monster under the bed scares kids for energy in a factory", "Monsters, Inc."),
    ("a teenager bitten by a radioactive spider", "Spider-Man"),
    ("a nanny who is magical and flies with an umbrella", "Mary Poppins"),
    ("a scientist turns into a fly after a teleporter accident", "The Fly"),
    ("a group of teens in detention on a saturday", "The Breakfast Club"),
    ("a killer doll possessed by the soul of a serial killer", "Child's Play"),
    ("a thirteen year old wishes to be big and wakes up an adult", "Big"),
    ("a deep sea oil crew sent to blow up an asteroid heading to earth", "Armageddon"),
    ("gladiator who was a roman general seeks revenge on the emperor", "Gladiator"),
    ("a mute woman falls in love with an amphibian creature in a government lab",
     "The Shape of Water"),
    ("a dog's soul is reborn in different dogs across several lives", "A Dog's Purpose"),
    ("a jazz pianist and an aspiring actress fall in love in los angeles", "La La Land"),
    ("a man whose wife disappears on their anniversary becomes the suspect", "Gone Girl"),
    ("a young man visits his white girlfriend's family and discovers something sinister",
     "Get Out"),
    ("a clown that lives in the sewers and eats children", "It"),
    ("a group of friends wake up in vegas with no memory of the bachelor party",
     "The Hangover"),
)
DEPTH = 50


def films_titled(catalog: Catalog, title: str) -> set[int]:
    """Every version of the film: the catalogue holds some twice, and "Jaws" is any Jaws."""
    lowered = title.lower()
    return {i for i, t in enumerate(catalog.titles) if t.lower().startswith(lowered)}


def ranks(retriever: Retriever, catalog: Catalog, rows: tuple[tuple[str, str], ...]
          ) -> tuple[np.ndarray, list[float]]:
    """0-based rank of each description's film (DEPTH where not found), and ms per query."""
    found, took = [], []
    for words, title in rows:
        wanted = films_titled(catalog, title)
        started = time.perf_counter()
        got = retriever.retrieve(Query(text=words, described=True), DEPTH).item_id_list()
        took.append((time.perf_counter() - started) * 1000)
        found.append(next((k for k, i in enumerate(got) if i in wanted), DEPTH))
    return np.asarray(found), took


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(prog="because bench plots", description=__doc__)
    p.parse_args(argv)
    settings = Settings()
    catalog = load_catalog("movies", settings.data_dir)
    hybrid = load_hybrid(catalog, settings.artifact_dir("movies"), settings)
    missing = [t for _, t in TUNE + CHECK if not films_titled(catalog, t)]
    if missing:
        print(f"not in the catalogue, left out: {missing}")
    before = HybridRetriever(catalog, hybrid.sources, hybrid.weights, hybrid.fusion,
                             hybrid.per_source_k, hybrid.cold, hybrid.cold_start,
                             hybrid.text_tuned, lexical=None)
    rows = {"text (dense) alone": hybrid.sources["text"], "lexical (BM25) alone": hybrid.lexical,
            "text + popularity (before)": before, "words-led (served)": hybrid}
    print(f"{'set':6s} {'retriever':28s} {'n':>3s} {'hit@1':>6s} {'hit@5':>6s} {'hit@20':>7s} "
          f"{'MRR':>6s} {'p50 ms':>7s}")
    for name, described in (("tune", TUNE), ("check", CHECK)):
        kept = tuple(r for r in described if films_titled(catalog, r[1]))
        for label, retriever in rows.items():
            if retriever is None:
                continue
            hybrid.clear_query_caches()  # each row encodes its queries afresh
            found, took = ranks(retriever, catalog, kept)
            print(f"{name:6s} {label:28s} {len(found):3d} {np.mean(found < 1):6.2f} "
                  f"{np.mean(found < 5):6.2f} {np.mean(found < 20):7.2f} "
                  f"{np.mean(1.0 / (found + 1)):6.3f} {statistics.median(took):7.1f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
