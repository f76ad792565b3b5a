"""What near-duplicate detection costs and finds, on a few thousand generated articles.

    .venv/bin/python bench/bench_duplicates.py --articles 3000 --copies 300

Articles are generated from the sentences of the seed articles: each one a
random draw of 12-30 sentences (shuffled, so two articles share a sentence
here and there, as two outlets' reports of one event do), with its own
figures written in.  ``--copies`` of them are copied the way syndicating
sites copy: a new headline line, a credit line, and a few words changed (0
to 12 substitutions).  Measured, in one process:

* ``fingerprint`` per article (done once, when the article is read), against
  the time graphbuild spends extracting an article (README: Speed);
* ``find_copies`` over all of them (done at every build and update);
* the fingerprint's size in the graph's update state;
* what was found: copies found, missed, and articles wrongly called copies.
"""

from __future__ import annotations

import argparse
import json
import random
import re
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from graphbuild.duplicates import find_copies, fingerprint  # noqa: E402
from graphbuild.models import Article  # noqa: E402

SEEDS = ROOT / "seeds"
WORDS = "talks meeting pledge officials ministry agreement visit delegation summit statement".split()


def seed_sentences() -> list[str]:
    text = " ".join(p.read_text("utf-8") for p in sorted(SEEDS.glob("*.txt")))
    return [s.strip() for s in re.split(r"(?<=[.!?])\s+", text) if len(s.split()) > 5]


def generate(n: int, rng: random.Random) -> list[str]:
    sentences = seed_sentences()
    articles = []
    for i in range(n):
        chosen = rng.sample(sentences, rng.randint(12, min(30, len(sentences))))
        articles.append(
            f"Report {i}: {rng.randint(2, 90)} officials, {rng.randint(1, 500)} million.\n" + "\n".join(chosen)
        )
    return articles


def syndicate(text: str, rng: random.Random) -> str:
    words = text.split(" ")
    for _ in range(rng.randint(0, 12)):
        words[rng.randrange(len(words))] = rng.choice(WORDS)
    return "Headline of the syndicating site\n" + " ".join(words) + "\nReporting by a wire service; editing by a desk."


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=3000)
    parser.add_argument("--copies", type=int, default=300)
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()
    rng = random.Random(args.seed)
    texts = generate(args.articles, rng)
    originals = rng.sample(range(args.articles), args.copies)
    texts += [syndicate(texts[i], rng) for i in originals]
    expected = {f"c{n:05d}": f"a{i:05d}" for n, i in enumerate(originals)}
    ids = [f"a{i:05d}" for i in range(args.articles)] + [f"c{n:05d}" for n in range(args.copies)]

    fingerprint("warm up")  # imports datasketch (and scipy) once, as a build does
    started = time.perf_counter()
    prints = [fingerprint(t) for t in texts]
    fingerprint_seconds = time.perf_counter() - started
    articles = [Article(id=i, text="", fingerprint=f) for i, f in zip(ids, prints, strict=True)]
    started = time.perf_counter()
    found = find_copies(articles)
    find_seconds = time.perf_counter() - started

    true_pairs = {(c, o) for c, o in expected.items()}
    # a copy found as the original of its own original's other copy is still the same story
    grouped = {c: found.get(c) for c in expected}
    missed = sorted(c for c, o in grouped.items() if o != expected[c])
    wrong = sorted(c for c in found if c not in expected)
    words = sum(len(t.split()) for t in texts) / len(texts)
    report = {
        "articles": len(texts),
        "of_which_copies": args.copies,
        "mean_words": round(words),
        "fingerprint_ms_per_article": round(1000 * fingerprint_seconds / len(texts), 3),
        "find_copies_seconds": round(find_seconds, 3),
        "fingerprint_chars_in_state": len(prints[0]),
        "copies_found": len(true_pairs) - len(missed),
        "copies_missed": len(missed),
        "wrongly_called_copies": len(wrong),
    }
    print(json.dumps(report, indent=1))


if __name__ == "__main__":
    main()
