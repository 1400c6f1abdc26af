"""Write an Azure Digital Twins import file made from the building ontology: its models, then twins of every one
of them, then relationships that the models declare between those twins (a valid file: dtdl-lint finds nothing).

    python benchmarks/import_file.py OUT.ndjson                       # 1,000,000 twins, 2,000,000 relationships
    python benchmarks/import_file.py OUT.ndjson --twins 2000000 --relationships 10000000   # the job's limits

benchmarks/run.py writes one into a temporary folder for its import-file row. The ontology comes from
../shared/corpora/ (or $DTDL_LINT_SHARED/corpora/).
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
SHARED = Path(os.environ.get("DTDL_LINT_SHARED", REPO.parent / "shared"))
BUILDING = SHARED / "corpora" / "opendigitaltwins-building"

sys.path.insert(0, str(REPO))


def write(path: str | os.PathLike, twins: int, relationships: int, ontology: Path = BUILDING) -> None:
    """Write the file: twin i is of the ontology's Interface i % (number of Interfaces), with each of its
    components and, where it has one, its string property `name`; relationship r leaves twin r % twins, by one
    of the Relationships its model declares (in turn), for a twin of the Relationship's target (or extending it)."""
    import dtdl_lint
    from dtdl_lint.model import Component, Property, Relationship

    files = sorted(ontology.rglob("*.json"))
    models = dtdl_lint.load_models(files)
    dtmis = sorted(models.interfaces)
    compatible = {}  # target -> the indexes of the Interfaces that are it or extend it
    declared = []  # for each Interface: its Relationships, as (name, indexes of the Interfaces they may target)
    templates = []  # for each Interface: the members every twin of it has
    for dtmi in dtmis:
        contents = models.contents(dtmi)
        members = {name: {"$metadata": {}} for name, c in contents.items() if isinstance(c, Component)}
        if isinstance(contents.get("name"), Property) and contents["name"].schema == "string":
            members["name"] = None  # the twin's id
        templates.append(members)
        ways = []
        for name, content in sorted(contents.items()):
            if isinstance(content, Relationship):
                if content.target not in compatible:
                    compatible[content.target] = [
                        i for i, other in enumerate(dtmis) if not content.target or models.is_a(other, content.target)
                    ]
                if compatible[content.target]:
                    ways.append((name, compatible[content.target]))
        declared.append(ways)
    count = len(dtmis)
    rounds = max(twins // count, 1)
    with open(path, "w", encoding="utf-8") as out:
        out.write('{"Section": "Header"}\n')
        out.write(json.dumps({"fileVersion": "1.0.0", "author": "dtdl-lint", "organization": "benchmarks"}) + "\n")
        out.write('{"Section": "Models"}\n')
        for file in files:
            out.write(json.dumps(json.loads(file.read_text(encoding="utf-8-sig")), separators=(",", ":")) + "\n")
        out.write('{"Section": "Twins"}\n')
        for i in range(twins):
            twin = {"$dtId": f"twin-{i}", "$metadata": {"$model": dtmis[i % count]}}
            for name, value in templates[i % count].items():
                twin[name] = f"twin {i}" if value is None else value
            out.write(json.dumps(twin, separators=(",", ":")) + "\n")
        out.write('{"Section": "Relationships"}\n')
        written = r = 0
        while written < relationships:
            source = r % twins
            r += 1
            choices = declared[source % count]
            if not choices:
                continue
            name, targets = choices[(r // twins) % len(choices)]
            target = targets[r % len(targets)] + count * (r % rounds)
            if target >= twins or target == source:
                continue
            out.write(
                f'{{"$dtId":"twin-{source}","$relationshipId":"rel-{written}","$targetId":"twin-{target}",'
                f'"$relationshipName":"{name}"}}\n'
            )
            written += 1


def main() -> None:
    options = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    options.add_argument("output", help="the file to write")
    options.add_argument("--twins", type=int, default=1_000_000, help="[1,000,000]")
    options.add_argument("--relationships", type=int, default=2_000_000, help="[2,000,000]")
    given = options.parse_args()
    if not BUILDING.is_dir():
        raise SystemExit(f"no building ontology at {BUILDING} (set DTDL_LINT_SHARED)")
    write(given.output, given.twins, given.relationships)


if __name__ == "__main__":
    main()
