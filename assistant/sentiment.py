"""The mention-sentiment model: P(liked), P(disliked), P(neutral) for one mentioned item.

Input is the mention in its conversation (`MentionContext`): the words around the title in the
person's message, the other side's message before it (a question the message answers: "did you
like it?" "no"), the person's next messages (an opinion given a turn later), whether the other
side named the item first (a suggestion is often "haven't seen it"), and how many titles share
the message (contrast: "loved X, hated Y"), and the rules' cue-word reading of the title's
clause (assistant/rules.py), which the model learns how far to trust. Features are hashed word
n-grams per part, the model a softmax regression over them (numpy at serving time: a message's
mentions score in well under a millisecond). Trained on ReDial seeker questionnaires
(assistant/sentiment_train.py), saved as arrays + JSON, loaded with allow_pickle=False.
"""

from __future__ import annotations

import json
import re
import zlib
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from assistant.rules import clause_cue
from core.errors import ArtifactError

LABELS = ("liked", "disliked", "neutral")
BUCKETS = 1 << 18
WINDOW = 8  # words either side of the title
LATER_MESSAGES = 2
CONFIG = "sentiment.json"
WEIGHTS = "sentiment_weights.npy"
BIAS = "sentiment_bias.npy"
_TOKEN = re.compile(r"[a-z0-9]+(?:'[a-z]+)?|[!?]|:\)|:\(")


@dataclass(frozen=True)
class MentionContext:
    before: str  # the person's message up to the title
    after: str  # the rest of that message
    previous: str = ""  # the other side's message just before
    later: tuple[str, ...] = ()  # the person's next messages, oldest first
    suggested: bool = False  # the other side named this item before the person did
    others: int = 0  # other titles in the same message
    item: int | None = None  # the catalogue item: some films are disliked far more often


def tokens(text: str) -> list[str]:
    text = text.lower().replace("’", "'").replace("n't", " not")
    return _TOKEN.findall(text)


def _grams(prefix: str, words: list[str]) -> list[str]:
    out = [f"{prefix}:{w}" for w in words]
    out += [f"{prefix}:{a}_{b}" for a, b in zip(words, words[1:], strict=False)]
    return out


def feature_names(context: MentionContext) -> list[str]:
    before, after = tokens(context.before), tokens(context.after)
    later = [w for text in context.later[:LATER_MESSAGES] for w in tokens(text)]
    names = ["bias"]
    names += _grams("l", before[-WINDOW:]) + _grams("r", after[:WINDOW])
    names += _grams("m", before + ["<t>"] + after)
    names += _grams("p", tokens(context.previous)[-30:])
    names += _grams("f", later[:40])
    message = f"{context.before} TITLE {context.after}"
    names.append(f"cue:{clause_cue(message, len(context.before) + 1)}")
    names += [f"suggested:{context.suggested}", f"others:{min(context.others, 3)}",
              f"later:{min(len(context.later), LATER_MESSAGES)}"]
    if context.previous.rstrip().endswith("?"):
        names.append("previous_question")
    if context.item is not None:
        names.append(f"item:{context.item}")
    return names


def feature_ids(context: MentionContext) -> np.ndarray:
    """Hashed feature ids (crc32: stable across processes, unlike hash())."""
    return np.fromiter((zlib.crc32(n.encode()) % BUCKETS for n in feature_names(context)),
                       dtype=np.int64)


def softmax(logits: np.ndarray) -> np.ndarray:
    shifted = np.exp(logits - logits.max(axis=-1, keepdims=True))
    return shifted / shifted.sum(axis=-1, keepdims=True)


def merge_reading(rule: str | None, label: str) -> str:
    """The final reading of a mention from the rules' cue reading and the trained label:
    an explicit dislike cue ("hated X", "other than X") stays a dislike (the questionnaire
    labels are noisy enough that the model alone under-reads plain statements); a title liked
    in words beside one disliked in words stays liked; one not seen is no like ("wanted" where the
    words take it up, unless the model reads a dislike); one seen is "seen" whatever the model
    reads (its dislikes of "I have seen all of the Rocky movies" were mostly wrong: disliked
    precision .595 -> .603 on validation, .559 -> .576 on tune, recall the same); one asked
    about ("what's Inception about?") is no like either; one whose title named a series
    asked for ("star wars movies") gets no verdict at all."""
    if rule == "series":
        return "neutral"
    if rule == "forget":
        return "forget"  # asked to take the opinion back: the model has no say
    if rule == "negative":
        return "disliked"
    if rule == "contrast_liked":
        return "liked"
    if rule == "wanted" and label != "disliked":
        # "haven't seen Moana, will check it out": what the questionnaires call liked, but no
        # film the person liked; a hint for retrieval that no reason may cite
        return "wanted"
    if rule in ("seen", "seen_by_other"):
        return "seen"
    if rule in ("unseen", "asked") and label != "disliked":
        return "neutral"
    return label


class MentionSentiment:
    """Softmax regression over hashed features, with the decision thresholds chosen on tune."""

    def __init__(self, weights: np.ndarray, bias: np.ndarray, config: dict):
        if weights.shape != (BUCKETS, len(LABELS)) or bias.shape != (len(LABELS),):
            raise ArtifactError(f"sentiment weights {weights.shape} / bias {bias.shape} do not "
                                f"match {BUCKETS} x {len(LABELS)}")
        self.weights = weights.astype(np.float32)
        self.bias = bias.astype(np.float32)
        self.config = config
        self.disliked_threshold = float(config.get("disliked_threshold", 0.5))
        self.liked_threshold = float(config.get("liked_threshold", 0.5))

    def probabilities(self, contexts: list[MentionContext]) -> np.ndarray:
        """(n, 3) rows of P(liked), P(disliked), P(neutral)."""
        if not contexts:
            return np.zeros((0, len(LABELS)), dtype=np.float32)
        logits = np.stack([self.weights[feature_ids(c)].sum(axis=0) for c in contexts])
        return softmax(logits + self.bias)

    def decide(self, probabilities: np.ndarray) -> list[str]:
        """Disliked when P(disliked) clears its threshold (the rare class gets a low one),
        else liked when P(liked) clears its own, else neutral."""
        out = []
        for p_liked, p_disliked, _ in probabilities:
            if p_disliked >= self.disliked_threshold:
                out.append("disliked")
            elif p_liked >= self.liked_threshold:
                out.append("liked")
            else:
                out.append("neutral")
        return out

    def read(self, contexts: list[MentionContext]) -> list[str]:
        return self.decide(self.probabilities(contexts))

    def save(self, directory: Path) -> None:
        directory.mkdir(parents=True, exist_ok=True)
        np.save(directory / WEIGHTS, self.weights, allow_pickle=False)
        np.save(directory / BIAS, self.bias, allow_pickle=False)
        (directory / CONFIG).write_text(json.dumps(self.config, indent=2))

    @classmethod
    def load(cls, directory: Path) -> MentionSentiment:
        paths = [directory / name for name in (CONFIG, WEIGHTS, BIAS)]
        missing = [str(p) for p in paths if not p.is_file()]
        if missing:
            raise ArtifactError(f"missing {', '.join(missing)}: run `because build movies`")
        config = json.loads(paths[0].read_text())
        if config.get("buckets") != BUCKETS or config.get("labels") != list(LABELS):
            raise ArtifactError(f"{paths[0]} was built for another feature layout: rebuild")
        return cls(np.load(paths[1], allow_pickle=False), np.load(paths[2], allow_pickle=False),
                   config)
