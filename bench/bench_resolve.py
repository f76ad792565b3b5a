"""The resolver on one article that is a long comma-separated list of names (issue 19: 100 KB took 11 s,
400 KB 185 s, 800 KB did not finish, every lone name scanning every full name).

    .venv/bin/python bench/bench_resolve.py --kilobytes 100 400 800

The article is the extraction such a list gives (no spaCy: the extractor's own time is another
matter): "Given Family" names of ~20 characters, every third followed by the family name alone, 40
family names shared by all.  Each size runs once in this process; the time of ``resolve`` and its
ratio to the smallest size are printed (linear: the ratio of the sizes).
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests"))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--kilobytes", type=int, nargs="+", default=[100, 400, 800])
    args = parser.parse_args()

    from test_resolve_scale import name_list

    from graphbuild.resolve import resolve

    first = None
    for kb in args.kilobytes:
        names = kb * 1000 // 20
        article, lone = name_list(names)
        started = time.perf_counter()
        resolution = resolve([article])
        seconds = time.perf_counter() - started
        first = first or (kb, seconds)
        people = sum(1 for e in resolution.entities if e.type == "Person")
        print(
            f"{kb} KB ({names:,} full names, {lone:,} lone): {seconds:.2f} s, {people:,} people; "
            f"{seconds / first[1]:.1f} x the time of {first[0]} KB for {kb / first[0]:.0f} x the names",
            flush=True,
        )


if __name__ == "__main__":
    main()
