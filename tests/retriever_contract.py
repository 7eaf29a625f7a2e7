"""The contract every Retriever passes (DESIGN.md): reusable checks, called from test modules."""

from __future__ import annotations

import numpy as np

from core.catalog import Catalog
from core.types import HardFilters, Query


def check_contract(retriever, catalog: Catalog, query: Query, k: int = 10) -> None:
    result = retriever.retrieve(query, k)
    ids = result.item_ids
    assert len(result) <= k
    assert len(set(ids.tolist())) == len(ids), "ids must be unique"
    assert np.all(np.diff(result.scores) <= 1e-6), "scores must be sorted descending"
    assert np.all(np.isfinite(result.scores))
    assert not set(ids.tolist()) & set(query.exclude_ids), "exclusions must be honoured"
    assert not set(ids.tolist()) & set(query.disliked_ids), "dislikes must be excluded"
    assert all(catalog.has(i) for i in ids)
    # filters are honoured
    cheap = Query(text=query.text, liked_ids=query.liked_ids, history_ids=query.history_ids,
                  filters=HardFilters(price_max=10.0))
    filtered = retriever.retrieve(cheap, k)
    assert all(catalog.prices[i] <= 10.0 for i in filtered.item_ids)
    # a filter that matches nothing gives an empty result with a reason, not an error
    nothing = Query(text=query.text, history_ids=query.history_ids,
                    filters=HardFilters(genres=("No Such Genre",)))
    empty = retriever.retrieve(nothing, k)
    assert len(empty) == 0 and empty.reason
    # unknown ids are ignored, not fatal
    unknown = Query(text=query.text, liked_ids=(10**9, -5), history_ids=(10**9,),
                    exclude_ids=(10**9,), disliked_ids=(-1,))
    retriever.retrieve(unknown, k)
