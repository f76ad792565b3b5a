"""Dev-only: check that `graphbuild eval` agrees with ../shared/eval/score.py, every number and every list.

    .venv/bin/python scripts/check_eval_agreement.py                  # builds and compares dev + seeds
    .venv/bin/python scripts/check_eval_agreement.py GRAPH.json GOLD.json

Does nothing (exit 0, one line) where ../shared/eval is absent: the project
never depends on it.  Exit 1 and one line per disagreement otherwise.
"""

from __future__ import annotations

import json
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
SCORER = SHARED / "eval" / "score.py"
BIN = Path(sys.executable).parent


def run_json(*command: str) -> dict:
    return json.loads(subprocess.run(command, check=True, capture_output=True, text=True).stdout)


def as_reference(ours: dict) -> dict:
    """Our report in score.py's shape: its field names, split as gold names, merged as 'node = gold + gold'."""
    out = {"entities": {}, "relations": {}}
    for etype, s in ours["entities"].items():
        out["entities"][etype] = {
            k: s[k] for k in ("precision", "recall", "f1", "predicted", "gold", "missed", "spurious")
        } | {"tp": s["correct"]}
    for rtype, s in ours["relations"].items():
        out["relations"][rtype] = {
            k: s[k] for k in ("precision", "recall", "f1", "predicted", "gold", "missed", "refuted")
        } | {
            "tp": s["correct"],
            "wrong": s["spurious"],
            "unmapped_edges": len(s["unmapped"]),
        }
    out["split"] = sorted(s["gold"] for s in ours["split"])
    out["merged"] = sorted(f"{m['node']} = {' + '.join(m['gold'])}" for m in ours["merged"])
    return out


def compare(graph: Path, gold: Path) -> list[str]:
    reference = run_json(sys.executable, str(SCORER), str(graph), "--gold", str(gold), "--json")
    ours = as_reference(run_json(str(BIN / "graphbuild"), "eval", str(graph), "--gold", str(gold), "--json"))
    # score.py names the gold entities of a merged node by id, graphbuild eval by name
    entity_names = {eid: e["name"] for eid, e in json.loads(gold.read_text("utf-8"))["entities"].items()}
    reference["merged"] = sorted(
        f"{label} = {' + '.join(entity_names[e] for e in ids.split(' + '))}"
        for label, ids in (m.split(" = ", 1) for m in reference["merged"])
    )
    problems = []
    for section in ("entities", "relations"):
        for rtype, expected in reference[section].items():
            got = ours[section].get(rtype)
            for key, value in expected.items():
                if got is None or got.get(key) != value:
                    problems.append(
                        f"{gold.name} {rtype}.{key}: score.py {value!r}, "
                        f"graphbuild eval {None if got is None else got.get(key)!r}"
                    )
    for key in ("split", "merged"):
        if sorted(reference[key]) != ours[key]:
            problems.append(f"{gold.name} {key}: score.py {reference[key]!r}, graphbuild eval {ours[key]!r}")
    return problems


def main() -> int:
    if not SCORER.exists():
        print(f"skipped: {SCORER} not found")
        return 0
    if len(sys.argv) == 3:
        pairs = [(Path(sys.argv[1]), Path(sys.argv[2]))]
    else:
        tmp = Path(tempfile.mkdtemp())
        build = [str(BIN / "graphbuild"), "build", "-q"]
        subprocess.run(
            [*build, str(SHARED / "seeds"), str(SHARED / "eval" / "dev" / "articles"), "-o", str(tmp / "dev.json")],
            check=True,
        )
        subprocess.run([*build, str(SHARED / "seeds"), "-o", str(tmp / "seeds.json")], check=True)
        pairs = [
            (tmp / "dev.json", SHARED / "eval" / "dev.gold.json"),
            (tmp / "seeds.json", SHARED / "eval" / "seeds.gold.json"),
        ]
    problems = [p for graph, gold in pairs for p in compare(graph, gold)]
    for problem in problems:
        print(problem)
    for graph, gold in pairs:
        print(f"compared {graph} with {gold.name}")
    print("agree: every figure and list" if not problems else f"{len(problems)} disagreement(s)")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
