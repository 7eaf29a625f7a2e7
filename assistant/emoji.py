"""Emoji read as the words they stand for, before the rules and the models read a message.

"Titanic 🤮" had read as a like (a bare title is one) and "🧟 movies" as a plain request: the
readers know words, not pictures. Each emoji run becomes words by where it stands:
- a verdict on what came before it in its clause ("Titanic 🤮" -> "Titanic, hated it.");
- a verb before what it is about ("I ❤️ Heat", "👎 Titanic" -> "I love Heat", "hate Titanic");
- a word for what is wanted ("🧟 movies" -> "zombie movies", "🎁 for mum" -> "gift for mum"),
  from a short table, else from the emoji's Unicode name ("🐙" -> "octopus").
Faces and hands with no verdict here ("🙏", "🤔") are decoration and are left out.
"""

from __future__ import annotations

import re
import unicodedata

# emoji -> (verdict or "", the word on movies, the word in the gift shop); "" = none
TABLE: dict[str, tuple[str, str, str]] = {
    "❤": ("liked", "romantic", "heart"), "♥": ("liked", "romantic", "heart"),
    "💕": ("liked", "romantic", "heart"), "💖": ("liked", "romantic", "heart"),
    "💗": ("liked", "romantic", "heart"), "💓": ("liked", "romantic", "heart"),
    "💞": ("liked", "romantic", "heart"), "💘": ("liked", "romantic", "heart"),
    "🙂": ("liked", "", ""), "😊": ("liked", "", ""), "😍": ("liked", "", ""),
    "🥰": ("liked", "", ""), "😻": ("liked", "", ""),
    "🤩": ("liked", "", ""), "😘": ("liked", "", ""), "🥹": ("liked", "", ""),
    "👍": ("liked", "", ""), "👌": ("liked", "", ""), "🔥": ("liked", "", ""),
    "💯": ("liked", "", ""), "🙌": ("liked", "", ""), "👏": ("liked", "", ""),
    "😂": ("liked", "funny", "funny"), "🤣": ("liked", "funny", "funny"),
    "😆": ("liked", "funny", "funny"),
    "👎": ("disliked", "", ""), "🤮": ("disliked", "", ""), "🤢": ("disliked", "", ""),
    "💩": ("disliked", "", ""), "😴": ("disliked", "", ""), "🥱": ("disliked", "", ""),
    "🙄": ("disliked", "", ""), "😒": ("disliked", "", ""), "😡": ("disliked", "", ""),
    "😠": ("disliked", "", ""), "🤬": ("disliked", "", ""), "😤": ("disliked", "", ""),
    "🗑": ("disliked", "", ""), "☹": ("disliked", "", ""), "🙁": ("disliked", "", ""),
    "😞": ("disliked", "", ""), "😖": ("disliked", "", ""), "😫": ("disliked", "", ""),
    "🤦": ("disliked", "", ""),
    "😱": ("", "scary", ""), "😨": ("", "scary", ""), "😰": ("", "scary", ""),
    "🔪": ("", "slasher", "knife"), "😭": ("", "sad", ""), "😢": ("", "sad", ""),
    "🥲": ("", "sad", ""),
    "🦖": ("", "dinosaur", "dinosaur"), "🦕": ("", "dinosaur", "dinosaur"),
    "🤖": ("", "robot", "robot"), "👽": ("", "alien", "alien"), "👾": ("", "alien", ""),
    "🤡": ("", "clown", "clown"), "🧙": ("", "wizard", "wizard"),
    "🦸": ("", "superhero", "superhero"), "🤠": ("", "western", "cowboy"),
    "🕵": ("", "spy", "spy"), "🚀": ("", "space", "rocket"),
    "🎄": ("", "Christmas", "christmas"), "🎅": ("", "Christmas", "santa"),
    "🎃": ("", "Halloween", "halloween"), "🦃": ("", "Thanksgiving", ""),
    "🐣": ("", "", "easter"), "🐰": ("", "rabbit", "rabbit"),
    "🏈": ("", "sports", "football"), "⚽": ("", "sports", "football"),
    "🏀": ("", "sports", "basketball"), "⚾": ("", "sports", "baseball"),
    "🎵": ("", "musical", "music"), "🎶": ("", "musical", "music"),
    "🎤": ("", "musical", "music"), "🏴": ("", "pirate", "pirate"),
    "🎁": ("", "", "gift"), "💐": ("", "", "flowers"), "🌸": ("", "", "flower"),
    "🌺": ("", "", "flower"), "🌷": ("", "", "flower"), "🌹": ("", "", "rose"),
    "🌼": ("", "", "flower"), "⭐": ("", "", "star"), "🌟": ("", "", "star"),
    "☕": ("", "", "tea"), "🐝": ("", "", "bee"), "👶": ("", "baby", "baby"),
    "💍": ("", "wedding", "wedding"), "🎂": ("", "birthday", "birthday"),
    # films themselves: no kind of film ("🍿" had searched for "popcorn": Popcorn (1991))
    "🍿": ("", "", "popcorn"), "🎬": ("", "", ""), "🎥": ("", "", ""), "📽": ("", "", ""),
}
# flags (two regional indicator letters): the country's adjective ("🇫🇷 movies": French films,
# which the rules read and say back; a flag had been dropped unread)
FLAGS = {"FR": "French", "IT": "Italian", "ES": "Spanish", "DE": "German", "JP": "Japanese",
         "KR": "Korean", "CN": "Chinese", "IN": "Indian", "GB": "British", "US": "American",
         "MX": "Mexican", "BR": "Brazilian", "RU": "Russian", "SE": "Swedish", "IE": "Irish",
         "AU": "Australian", "CA": "Canadian", "DK": "Danish", "NO": "Norwegian",
         "HK": "Hong Kong", "NZ": "New Zealand"}
REGIONAL_A = 0x1F1E6
VERDICT_BEFORE = {"liked": "love", "disliked": "hate"}
VERDICT_AFTER = {"liked": ", loved it.", "disliked": ", hated it."}
VERDICT_ALONE = {"liked": "love it", "disliked": "not for me"}
# pictographs, symbols and the marks that join or colour them (skin tones, VS16, keycap; the
# zero-width joiner of "🧟‍♀️")
EMOJI_CHAR = ("\U0001f000-\U0001faff\u2600-\u27bf\u2b00-\u2bff\u2300-\u23ff\ufe0f\u20e3"
              "\u200d")
RUN = re.compile(rf"[{EMOJI_CHAR}](?:\s*[{EMOJI_CHAR}])*")
# faces, hands and people: feelings or decoration, never a thing wanted (the table reads the
# ones that carry a verdict or a kind); named anyway: skin tones, joiners, gender signs
NOT_A_THING = ((0x1F3FB, 0x1F3FF), (0x1F442, 0x1F487), (0x1F590, 0x1F596), (0x1F600, 0x1F64F),
               (0x1F910, 0x1F92F), (0x1F930, 0x1F93A), (0x1F970, 0x1F97F), (0x1F9B0, 0x1F9B9),
               (0x1F9CD, 0x1F9D0), (0x1FAE0, 0x1FAFF), (0x2639, 0x263A), (0x2640, 0x2642),
               (0x270A, 0x270D), (0xFE0F, 0xFE0F), (0x20E3, 0x20E3), (0x200D, 0x200D))
# words of Unicode names that say how an emoji looks, not what it is
NAME_NOISE = frozenset("face black white medium small large heavy sign symbol with without "
                       "and or of the emoji".split())
NAME_WORDS = 2  # "slice of pizza" -> "pizza"; longer names ("beach with umbrella") are no word
# names of marks and shapes, not things: "✔", "❗", "➡", "✨"
NAME_MARKS = frozenset("mark arrow arrows ornament sparkles sparkle button square circle triangle "
                       "diamond keycap digit letter squared regional indicator ballot cross check "
                       "exclamation question plus minus division multiplication loop".split())
# alone, these are chat: "🙏" is thanks
ALONE = {"🙏": "thanks", "👋": "hi", "🍿": "recommend something", "🎬": "recommend something",
         "🎥": "recommend something", "📽": "recommend something"}
# the faces people type: "Titanic :(" is "Titanic 🙁" (it had read as a like)
EMOTICONS = {":(": "🙁", ":-(": "🙁", ":'(": "🙁", ":((": "🙁", ":/": "😒", ":-/": "😒",
             ":\\": "😒", ":|": "😒", ":-|": "😒", "-_-": "😒", ":)": "🙂", ":-)": "🙂",
             ":))": "🙂", ";)": "🙂", ";-)": "🙂", "^^": "🙂", "^_^": "🙂", ":D": "😂",
             ":-D": "😂", "xD": "😂", "XD": "😂", "<3": "❤"}
EMOTICON = re.compile(r"(?<!\S)(" + "|".join(map(re.escape, sorted(EMOTICONS, key=len,
                                                                   reverse=True)))
                      + r")(?=$|\s|[.,!?;])")
MARK = re.compile(f"{EMOTICON.pattern}|{RUN.pattern}")  # a typed face (group 1) or an emoji run
# a request in the clause: a verdict emoji after it is only friendliness ("a comedy please 👍",
# "I'm looking for something fun :)")
ASKING = re.compile(r"\b(?:something|anything|recommend\w*|suggest\w*|want|need|looking|please|"
                    r"pls|show me|give me|find me|ideas?)\b", re.I)
# what a person asks for before an emoji that also gives a verdict: "something 😂" is funny
REQUEST = re.compile(r"\b(?:something|anything|movies?|films?|flicks?|shows?|recommend\w*|want|"
                     r"need|looking|gifts?|presents?|ideas?|some|more|any|a)\s*$", re.I)
SUBJECT_BEFORE = re.compile(r"(?:^|\b)(?:i|we|i really|i just|i so|we all|i do|i don'?t)\s*$",
                            re.I)
CLAUSE_BREAK = re.compile(r"[.!?,;:\n]")
# a clause that says something itself: an emoji after it is its tone, no verdict ("Hi :)",
# "thanks 👍", "Nick of Time sounds good :/", "have a great night :)"; in ReDial's dialogues
# ", loved it." had made "Hi" no greeting and ":/" a dislike of Nick of Time)
SAYS_ITSELF = re.compile(
    r"\b(?:is|was|are|were|be|been|am|have|has|had|do|does|did|don'?t|didn'?t|sounds?|looks?|"
    r"seems?|like|love|liked|loved|enjoy(?:ed)?|think|thought|hope|know|got|get|see|seen|saw|"
    r"watch(?:ed)?|will|would|can|could|should|thats|that's|it'?s|i'?m|you'?re|we'?re|"
    r"they'?re|i'?ve|you'?ve|hi|hello|hey|bye|goodbye|good (?:morning|night|day|afternoon|"
    r"evening)|thanks?|thank you|thx|welcome|likewise|same|too|lol|haha|yes|yeah|no|ok|okay|"
    r"cool|great|perfect|nice|lovely|sure|awesome|brilliant|cheers|wow|gets?|never|heard|"
    r"favou?rites?|yet|take care|catch|not|n't|good|bad|yea|course|me too)\b", re.I)


def _thing(char: str) -> bool:
    code = ord(char)
    return not any(lo <= code <= hi for lo, hi in NOT_A_THING)


def _named(char: str) -> str:
    """The word a pictograph's Unicode name gives ("🐙" octopus, "🦒" giraffe), else ""."""
    words = [w for w in unicodedata.name(char, "").lower().split() if w not in NAME_NOISE]
    if NAME_MARKS.intersection(words):
        return ""
    return " ".join(words) if 0 < len(words) <= NAME_WORDS else ""


def _flag(run: str) -> str:
    """The country adjective of the run's first flag ("🇫🇷" French), else ""."""
    letters = "".join(chr(ord(c) - REGIONAL_A + ord("A")) for c in run
                      if REGIONAL_A <= ord(c) <= REGIONAL_A + 25)
    return FLAGS.get(letters[:2], "")


def _meaning(run: str, catalog_name: str) -> tuple[str, str]:
    """The run's verdict and word: the first of its emoji that gives each (a flag first)."""
    verdict, word = "", _flag(run)
    for char in run:
        entry = TABLE.get(char)
        if entry is not None:
            verdict = verdict or entry[0]
            word = word or (entry[1] if catalog_name == "movies" else entry[2])
        elif _thing(char) and not char.isspace():
            word = word or _named(char)
    return verdict, word


def _clause_before(text: str, start: int) -> str:
    breaks = [m.end() for m in CLAUSE_BREAK.finditer(text, 0, start)]
    return text[breaks[-1] if breaks else 0 : start].strip()


def _clause_after(text: str, end: int) -> str:
    m = CLAUSE_BREAK.search(text, end)
    return text[end : m.start() if m else len(text)].strip()


def _words_for(text: str, run: re.Match[str], catalog_name: str) -> str:
    verdict, word = _meaning(run.group(0), catalog_name)
    before = _clause_before(text, run.start())
    after = _clause_after(text, run.end())
    if verdict and after and SUBJECT_BEFORE.search(before):  # "I ❤️ Heat"
        return f" {VERDICT_BEFORE[verdict]} "
    if not before and after:  # "🧟 movies", "👎 Titanic"
        return f" {word or VERDICT_BEFORE.get(verdict, '')} "
    if not before and text.strip() != run.group(0).strip():
        return " "  # "Have you seen Heat? :)", "I loved Heat! 😂": a tone, after the words
    if not before:  # the whole message: "🧟" is zombie films, "👍" a verdict
        return word or VERDICT_ALONE.get(verdict, "") or ALONE.get(run.group(0).strip()[:1], "")
    # after words: a verdict on them ("Titanic 🤮", "Heat ❤️ more like it?"), unless it is
    # what they ask for ("something 😂", "a ❤️ mug"), they ask ("a comedy please 👍") or say
    # something themselves ("thanks 👍")
    if verdict and not (word and REQUEST.search(before)) and not ASKING.search(before) and \
            not SAYS_ITSELF.search(before):
        return VERDICT_AFTER[verdict] + (" " if after else "")
    return f" {word} " if word and (REQUEST.search(before) or not verdict) else " "


def _face_words(text: str, face: re.Match[str]) -> str:
    """A typed face only ever judges the words before it in its clause ("Titanic :("): in
    ReDial's dialogues it is nearly always tone (":) Well thanks", "Not yet :)"), so never a
    verb before words nor a message of its own."""
    verdict = TABLE[EMOTICONS[face.group(1)]][0]
    before = _clause_before(text, face.start())
    if before and not ASKING.search(before) and not SAYS_ITSELF.search(before):
        return VERDICT_AFTER[verdict]
    return " "


def emoji_words(text: str, catalog_name: str) -> str:
    """`text` with each emoji run and typed face written as the words it stands for (see the
    module)."""
    if not RUN.search(text) and not EMOTICON.search(text):
        return text
    out, at = [], 0
    for m in MARK.finditer(text):
        words = _face_words(text, m) if m.group(1) else _words_for(text, m, catalog_name)
        out.append(text[at : m.start()].rstrip() if words.startswith(",") else
                   text[at : m.start()])
        out.append(words)
        at = m.end()
    out.append(text[at:])
    return re.sub(r"[ \t]{2,}", " ", re.sub(r"\.\s*\.", ".", "".join(out))).strip()
