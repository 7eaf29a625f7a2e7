"""The trained reading of what the person thinks of each item they mentioned.

The latest message's mentions are read in their context (the other side's message before, the
titles the other side named earlier); the person's previous LATER_MESSAGES messages are read again
with the messages that followed them, so "have you seen It?" "yes" ... "it bored me" moves It to
disliked. Only decisive readings (liked / disliked) of earlier mentions are returned.
"""

from __future__ import annotations

import re

from assistant.linking import TitleLinker
from assistant.sentiment import LATER_MESSAGES, MentionContext, MentionSentiment
from core.catalog import Catalog
from core.types import Message

MENTION = re.compile(r"@(\w+)")
OTHER_SIDE_MESSAGES = 4  # the other side's recent messages searched for suggested titles


def mentions_in(text: str, catalog: Catalog, linker: TitleLinker) -> list[tuple[int, int, int]]:
    """(item, start, end) for every `@id` and linked title in a message, in text order."""
    found = [(index, m.start(), m.end()) for m in MENTION.finditer(text)
             if (index := catalog.index_of(m.group(1))) is not None]
    plain = MENTION.sub(lambda m: " " * len(m.group(0)), text)
    found += [(r.item_id, r.start, r.end) for r in linker.read_titles(plain).links
              if r.item_id is not None]
    return sorted(found, key=lambda x: x[1])


def _context(messages: list[Message], at: int, start: int, end: int, item: int,
             others: int, suggested: set[int]) -> MentionContext:
    text = messages[at].text
    previous = next((m.text for m in reversed(messages[:at]) if m.role != "user"), "")
    later = tuple(m.text for m in messages[at + 1:] if m.role == "user")[:LATER_MESSAGES]
    return MentionContext(text[:start], text[end:], previous, later, item in suggested, others,
                          item)


def read_opinions(messages: list[Message], latest_mentions: list[tuple[int, int, int]],
                  catalog: Catalog, linker: TitleLinker,
                  model: MentionSentiment) -> tuple[dict[int, str], dict[int, str]]:
    """(latest message: item -> liked | disliked | neutral, earlier messages: item -> liked |
    disliked). `latest_mentions` are the (item, start, end) of the last message."""
    users = [i for i, m in enumerate(messages) if m.role == "user"]
    if not users:
        return {}, {}
    latest = users[-1]
    suggested: set[int] = set()
    for message in [m for m in messages[:latest] if m.role != "user"][-OTHER_SIDE_MESSAGES:]:
        suggested.update(item for item, _, _ in mentions_in(message.text, catalog, linker))
    contexts, owners = [], []
    for item, start, end in latest_mentions:
        contexts.append(_context(messages, latest, start, end, item, len(latest_mentions) - 1,
                                 suggested))
        owners.append(("latest", item))
    for at in users[-1 - LATER_MESSAGES : -1]:
        found = mentions_in(messages[at].text, catalog, linker)
        for item, start, end in found:
            contexts.append(_context(messages, at, start, end, item, len(found) - 1, suggested))
            owners.append(("earlier", item))
    now: dict[int, str] = {}
    before: dict[int, str] = {}
    for (where, item), label in zip(owners, model.read(contexts), strict=True):
        if where == "latest":
            now[item] = label  # a later mention in the same message wins
        elif label != "neutral" and item not in now:
            before[item] = label
    return now, before
