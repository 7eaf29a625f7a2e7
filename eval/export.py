"""`because export retail --format session-tsv --out DIR`: our retail split as the
SessionId / ItemId / Time TSV files the public GRU4Rec code (and most session-based libraries)
read, so another implementation can run on exactly our samples.

- train.tsv: the baskets our models train on (before the tune cut);
- tune.tsv: the tune month (early stopping, fusion weights);
- test.tsv: the evaluation's targets, each customer's first basket on or after the
  validation cut (customers with a history only, as in `because eval retail`);
- history.tsv: every basket before the validation cut (the histories the evaluation reads).

A session is a customer; a basket's lines share its Time (Unix seconds of the invoice), so the
baskets of a session are its time steps. ItemId is the shop's StockCode.
"""

from __future__ import annotations

import argparse
import csv
from collections.abc import Iterable
from datetime import UTC, datetime
from pathlib import Path

from core.catalog import Catalog, load_catalog
from core.datasets import (
    RETAIL_TUNE_CUT,
    RETAIL_VALID_CUT,
    Basket,
    baskets_before,
    baskets_from,
    shipped_baskets,
)
from core.errors import BecauseError
from core.settings import Settings

HEADER = ("SessionId", "ItemId", "Time")


def unix_seconds(date: str) -> int:
    return int(datetime.fromisoformat(date).replace(tzinfo=UTC).timestamp())


def write_sessions(path: Path, baskets: Iterable[Basket], catalog: Catalog) -> int:
    """One row per basket line, sessions then time in order; returns the rows written."""
    rows = 0
    with path.open("w", newline="") as handle:
        writer = csv.writer(handle, delimiter="\t", lineterminator="\n")
        writer.writerow(HEADER)
        for basket in sorted(baskets, key=lambda b: (b.customer_id, b.date, b.invoice)):
            time = unix_seconds(basket.date)
            for item in basket.item_ids:
                writer.writerow((basket.customer_id, catalog.external_ids[item], time))
                rows += 1
    return rows


def first_baskets(history: list[Basket], future: list[Basket]) -> list[Basket]:
    """Each customer's first future basket, for customers with a history (the eval's targets)."""
    known = {b.customer_id for b in history}
    first: dict[str, Basket] = {}
    for basket in sorted(future, key=lambda b: (b.date, b.invoice)):
        if basket.customer_id in known:
            first.setdefault(basket.customer_id, basket)
    return list(first.values())


def export_retail(catalog: Catalog, baskets: list[Basket], out: Path) -> dict[str, int]:
    """The split `because eval retail` uses, from the shipped baskets."""
    history = baskets_before(baskets, RETAIL_VALID_CUT)
    parts = {
        "train.tsv": baskets_before(baskets, RETAIL_TUNE_CUT),
        "tune.tsv": baskets_from(baskets, RETAIL_TUNE_CUT, RETAIL_VALID_CUT),
        "test.tsv": first_baskets(history, baskets_from(baskets, RETAIL_VALID_CUT)),
        "history.tsv": history,
    }
    out.mkdir(parents=True, exist_ok=True)
    return {name: write_sessions(out / name, part, catalog) for name, part in parts.items()}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="because export", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("catalog", help="retail")
    parser.add_argument("--format", default="session-tsv", choices=["session-tsv"])
    parser.add_argument("--out", type=Path, required=True)
    args = parser.parse_args(argv)
    if args.catalog != "retail":
        raise BecauseError("export: only retail has a session split to export")
    settings = Settings()
    catalog = load_catalog("retail", settings.data_dir)
    baskets = shipped_baskets(settings.data_dir, catalog)
    for name, rows in export_retail(catalog, baskets, args.out).items():
        print(f"{args.out / name}: {rows} rows")
    return 0
