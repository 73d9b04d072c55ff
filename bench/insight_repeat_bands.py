"""How many LSH band rows per case the repeat index needs (issue 17: 32 rows per case, 411 MB at 100k cases).

    nice .tools/bin/uv run python bench/insight_repeat_bands.py [--data DIR] [--configs 128x32,128x16,128x8,64x8]

For each MinHash shape (``num_perm x bands``; the index stores one row per band per case) replays the exact
repeats of messages_votes.csv and the labelled near-duplicate pairs of ``bench/insight_repeats.py`` (the same
functions) and prints one JSON line: exact repeats found / total, near-duplicate precision and recall of both
detectors, band rows per case.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import insight_repeats as bench
from sixia.engines.insight import repeats as rp


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--data", type=Path, default=bench.DEFAULT_DATA)
    ap.add_argument("--configs", default="128x32,128x16,128x8,64x8")
    ap.add_argument("--random-pairs", type=int, default=20_000)
    args = ap.parse_args()
    messages = bench.load_messages(args.data)
    for shape in args.configs.split(","):
        num_perm, bands = (int(x) for x in shape.split("x"))
        hasher = rp.Hasher(rp.MinHashConfig(num_perm=num_perm, bands=bands))
        exact = bench.exact_repeats(messages, hasher)
        near = bench.near_duplicates(messages, hasher, random_pairs=args.random_pairs, seed=7)
        print(json.dumps({"shape": hasher.config.version, "band_rows_per_case": bands,
                          "exact_found": exact["found"], "exact_total": exact["exact_repeats"],
                          "near": {k: v for k, v in near.items() if k != "part"}}, ensure_ascii=False), flush=True)


if __name__ == "__main__":
    main()
