"""Word lists the rules share: words that say nothing about what is wanted.

Kept apart from assistant/rules.py so the readers built on them (assistant/shopping.py) need
not import the rules.
"""

from __future__ import annotations

import re

FOND_STOP = frozenset("the a an it its them her him his my our their all everything "
                      "anything something things stuff lots".split())
SET_ASIDE_STOP = frozenset({"more", "less", "than", "too", "over", "under", "any", "thanks",
                            "thank", "way", "problem", "idea", "sure", "really", "very", "much",
                            "one", "ones", "big", "small", "expensive", "cheap", "pricey", "i",
                            "that", "this", "it", "them", "those", "these", "what", "need",
                            "sorry", "worries", "matter", "longer", "other", "else", "quite",
                            "for", "with", "in", "on", "at", "to", "of", "from", "by", "as", "so",
                            "yet", "now", "again", "today", "anymore", "just", "all", "my", "me",
                            "we", "you", "he", "she", "they", "we're", "bad", "good", "great",
                            "exactly", "necessarily", "interested", "keen", "fan", "like",
                            "want", "buy", "get", "see", "have", "been", "be", "is", "was",
                            "are", "do", "does", "did", "an", "the", "if", "but", "or", "and"})
# the days of the year people name a film or a present for, as a regex alternation: "at
# Christmas and Halloween" (`linking`), "last Easter" (`rules`)
HOLIDAYS = (r"(?:christmas|xmas|easter|thanksgiving|halloween|hanukkah|new year'?s?(?: eve)?|"
            r"valentine'?s?(?: day)?|birthday|mother'?s day|father'?s day)")
# the nouns a kind of film is said with, as regex alternations: "zombie movies", "a 2016
# comedy", "road trip comedies" (`rules` subjects, `amounts` years, `linking` descriptions)
GENRE_NOUNS = (r"comed(?:y|ies)|thrillers?|dramas?|horrors?|romcoms?|rom-coms?|documentar(?:y|ies)|"
               r"cartoons?|musicals?|westerns?")
FILM_NOUNS = rf"movies?|films?|flicks?|{GENRE_NOUNS}"
# the occasions a present or a film is for: a text search reads them ("housewarming gift"
# found doormats)
OCCASION_WORDS = frozenset("""
birthday christmas anniversary wedding housewarming retirement graduation party holiday
""".split())
# who a present or a film is for, and the occasion: the request is plain without a filter
PEOPLE_AND_OCCASIONS = frozenset("""
mum mom mother dad father parents sister brother wife husband partner boyfriend girlfriend
son daughter kids kid children child baby nan nana gran grandma grandad grandpa granny aunt
grandparents grandmother grandfather laws roommate flatmate hubby
uncle niece nephew cousin friend friends colleague coworker worker workmate boss manager teacher
neighbour neighbor family office team staff
present gift gifts presents new someone somebody tonight weekend night
""".split()) | OCCASION_WORDS
# words a shopper or a film fan writes that a product name or a plot summary may not hold
CHAT_WORDS = frozenset("""
a an the i im me my we you your it its is are was be been am do does did have has had not no
yes ok okay please thanks thank hi hello hey bye want wanted need like liked love loved
something anything more less some any what which who how why when where show give find
recommend suggest good great nice cool fun funny best other else maybe really very too so
and or but for with without of to in on at from about this that these those one ones
gift present buy bought cheap cheaper price under over movie movies film films watch watched
seen see saw product products item items thing things kind sort type
yeah yep yup ya yea nope nah sure agree alright fine wow awesome lol meh gotcha howdy oops
should would could can suggestion suggestions recommendation recommendations ideas options
enjoy enjoys enjoyed likes loves hated disliked adored
know don dont idk dunno unsure surprise whatever random pick choose decide choice think
dealer dealers get her him them sell sells selling stock stocked
looking look searching watching tonight today bored help
""".split())  # "hey! looking for a movie to watch tonight" (had matched Take Me Home Tonight;
# "what should I watch tonight? I'm bored" Day Watch and The Watch)


def only_chat(text: str) -> bool:
    """Every word of `text` is chat ("any suggestions?", "what do you recommend?")."""
    return all(len(w) <= 2 or w in CHAT_WORDS for w in re.findall(r"[a-z]+", text.lower()))


# a verdict on a film and the parts of one it may be about: "I hated the ending of Inception"
# says nothing to search for once the title is out (its words had brought horror films)
VERDICT_WORDS = frozenset("""hate hated hates hating dislike disliked dislikes enjoy enjoyed
enjoys adore adored adores liking loving absolutely totally honestly kinda""".split())
ASPECT_WORDS = frozenset("""ending endings plot story acting soundtrack music score scenes
scene characters dialogue script effects cgi cast villain twist pacing cinematography""".split())


def only_verdicts(text: str) -> bool:
    """`text` is a verdict and chat only, with a verdict word in it ("I hated the ending of",
    "loved the soundtrack of")."""
    words = [w for w in re.findall(r"[a-z]+", text.lower()) if len(w) > 2]
    return any(w in VERDICT_WORDS for w in words) and all(
        w in CHAT_WORDS or w in VERDICT_WORDS or w in ASPECT_WORDS for w in words)


def content_words(text: str, occasions: bool = False) -> list[str]:
    """The words of `text` that say what is wanted: not chat, nor who it is for or the
    occasion ("something to watch with my dad" has none); `occasions`: the occasion's words
    count (a text search reads them)."""
    return [w for w in re.findall(r"[a-z]+", text.lower())
            if len(w) > 2 and w not in CHAT_WORDS and (
                w not in PEOPLE_AND_OCCASIONS or occasions and w in OCCASION_WORDS)]

# characters that show nothing (zero-width spaces and joiners, marks of direction, the word
# joiner, the BOM, the soft hyphen): "Toy\u200bStory" is Toy Story, "\u200b" alone says nothing
INVISIBLE = re.compile("[\u200b-\u200f\u2060-\u2064\u2066-\u2069\u202a-\u202e\ufeff\u00ad"
                       "\u034f\u180e\U000e0000-\U000e007f]")


def visible(text: str) -> str:
    """`text` without the characters that show nothing."""
    return INVISIBLE.sub("", text)
