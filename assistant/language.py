"""Which language a message is in, when it is clearly not English.

The rules, the title linker and the sentiment model read English. A message in French or
Spanish is still searched as text, but the person is told that it was not understood as
written rather than answered as if it had been. Function words decide: common, short, and
different enough between these languages and English.
"""

from __future__ import annotations

import re

# words frequent in each language and rare in English chat (no "a", "film", "me", "is")
FUNCTION_WORDS = {
    "French": frozenset("""je voudrais veux un une des les du et est pas avec pour qui que sur
        mais ou aime j'aime moi vous tu quelque chose comme très tres merci bonjour salut peux
        pouvez recommander conseiller cherche d'horreur d'action drôle drole le la""".split()),
    "Spanish": frozenset("""quiero una el los las del y es con para por que película películas
        pelicula peliculas gusta gustan algo como muy gracias hola puedes recomendar
        recomiendas sobre busco acción accion miedo divertida la""".split()),
    "German": frozenset("""ich möchte moechte einen eine ein der das und ist nicht mit für fuer
        filme etwas wie sehr danke hallo kannst empfehlen gerne bitte lustig gruselig
        suche""".split()),
    "Italian": frozenset("""voglio vorrei una il gli di è con che mi piace qualcosa molto grazie
        ciao puoi consigliare consigli cerco divertente paura""".split()),
    "Portuguese": frozenset("""quero uma os é com para que não filme filmes gosto algo como
        muito obrigado obrigada olá ola pode recomendar procuro engraçado""".split()),
    "Dutch": frozenset("""ik wil een het en niet met voor graag iets zoals bedankt kun
        aanraden zoek leuke grappige eng""".split()),
}
ENGLISH = frozenset("""i i'm i'd i've we you the a an and or is are was it this that of to for
    with in on at from about my me please something anything like want movie movies film films
    show give any some good great but not no what can could would do does did have has had be
    been so too as well just yes yeah ok also they he she his her there here how why who when
    will should really very much more one seen watch watched liked love loved thanks thank hi
    hello see know think""".split())
WORD = re.compile(r"[^\W\d_]+(?:'[^\W\d_]+)?")
MIN_HITS = 2  # distinct function words of the language
MIN_SHARE = 0.4  # of the message's words


def foreign_language(text: str) -> str | None:
    """The language `text` is written in when it is clearly not English, else None."""
    # capitalised words inside a sentence are names and titles ("La Haine", "El Laberinto
    # del Fauno"): only the others say which language the person writes in
    words = [m.group(0).lower() for m in WORD.finditer(text)
             if not m.group(0)[0].isupper() or not text[: m.start()].strip()
             or text[: m.start()].rstrip()[-1] in ".!?"]
    if not words:
        return None
    english = sum(w in ENGLISH for w in words)
    best, best_hits, best_count = None, 0, 0
    for language, vocabulary in FUNCTION_WORDS.items():
        count = sum(w in vocabulary for w in words)
        hits = len({w for w in words if w in vocabulary})
        if hits > best_hits or (hits == best_hits and count > best_count):
            best, best_hits, best_count = language, hits, count
    if best_hits >= MIN_HITS and best_count >= MIN_SHARE * len(words) and best_count > english:
        return best
    return None
