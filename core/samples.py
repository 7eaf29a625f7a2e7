"""Prediction samples shared by evaluation and training: a query built from a context, and the
items that should be recommended next.

- ReDial turn level (He et al., CIKM 2023): one sample per recommender message that mentions
  catalogue movies; context = every earlier message; targets = the movies that message mentions.
  Items mentioned in the context are excluded from predictions.
- Retail next basket: history = a customer's items before a cut; target = their first basket on
  or after it. Repeat purchases are allowed, so history is not excluded.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from core.datasets import Basket, Dialogue
from core.types import Message, Query

CONTEXT_UTTERANCES = 6  # the query text keeps the most recent messages


@dataclass(frozen=True)
class Sample:
    sample_id: str
    query: Query
    context: tuple[Message, ...]  # for LLM stages; empty for retail
    target_ids: tuple[int, ...]
    novel_target_ids: tuple[int, ...]  # targets not in the context / history
    group: str = ""  # conversation or customer id: keep out-of-fold splits by group


def context_text(messages: Sequence[Message], limit: int = CONTEXT_UTTERANCES) -> str:
    """The most recent messages, oldest first, as plain text."""
    return " ".join(m.text for m in messages[-limit:] if m.text.strip())


def dialogue_samples(dialogue: Dialogue) -> list[Sample]:
    samples = []
    context: list[Message] = []
    history: list[int] = []
    liked: list[int] = []
    for turn, utterance in enumerate(dialogue.utterances):
        if utterance.role == "assistant" and utterance.item_ids and context:
            targets = tuple(utterance.item_ids)
            seen = set(history)
            query = Query(
                text=context_text(context),
                liked_ids=tuple(liked),
                history_ids=tuple(history),
                exclude_ids=tuple(history),
            )
            samples.append(Sample(
                sample_id=f"{dialogue.conversation_id}:{turn}",
                query=query,
                context=tuple(context),
                target_ids=targets,
                novel_target_ids=tuple(t for t in targets if t not in seen),
                group=dialogue.conversation_id,
            ))
        context.append(Message(role=utterance.role, text=utterance.text))
        for item in utterance.item_ids:
            if item not in history:
                history.append(item)
            if utterance.role == "user" and item not in liked:
                liked.append(item)
    return samples


def redial_samples(dialogues: Iterable[Dialogue]) -> list[Sample]:
    return [s for d in dialogues for s in dialogue_samples(d)]


def add_basket(history: dict[int, int], basket: Basket) -> None:
    """A customer's history: item -> baskets it was in, ordered oldest to newest purchase."""
    for item in basket.item_ids:
        history[item] = history.pop(item, 0) + 1  # re-inserted: now the newest


def next_basket_sample(history: dict[int, int], basket: Basket,
                       past: tuple[tuple[int, ...], ...] = ()) -> Sample:
    """Predict `basket` from a customer's history (item -> baskets it was in, newest last):
    every item once, with its purchase count; `past` is the same history as baskets, oldest
    first (the session model reads one basket per step)."""
    items = tuple(history)
    return Sample(
        sample_id=f"{basket.customer_id}:{basket.invoice}",
        query=Query(liked_ids=items, history_ids=items, history_counts=tuple(history.values()),
                    history_baskets=past),
        context=(),
        target_ids=basket.item_ids,
        novel_target_ids=tuple(t for t in basket.item_ids if t not in history),
        group=basket.customer_id,
    )


def customer_histories(baskets: Iterable[Basket]) -> dict[str, dict[int, int]]:
    """customer -> {item: baskets bought in}, oldest first, each item at its latest purchase."""
    histories: dict[str, dict[int, int]] = defaultdict(dict)
    for basket in sorted(baskets, key=lambda b: (b.date, b.invoice)):
        add_basket(histories[basket.customer_id], basket)
    return histories


def customer_baskets(baskets: Iterable[Basket]) -> dict[str, list[tuple[int, ...]]]:
    """customer -> their baskets' items, oldest first."""
    out: dict[str, list[tuple[int, ...]]] = defaultdict(list)
    for basket in sorted(baskets, key=lambda b: (b.date, b.invoice)):
        out[basket.customer_id].append(basket.item_ids)
    return out


def basket_samples(history: Iterable[Basket], future: Iterable[Basket]) -> list[Sample]:
    """For each customer with a history and a future basket: predict the first future basket."""
    history = list(history)
    histories = customer_histories(history)
    past = customer_baskets(history)
    first: dict[str, Basket] = {}
    for basket in sorted(future, key=lambda b: (b.date, b.invoice)):
        first.setdefault(basket.customer_id, basket)
    return [next_basket_sample(histories[customer], basket, tuple(past[customer]))
            for customer, basket in sorted(first.items()) if histories.get(customer)]
