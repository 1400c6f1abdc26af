"""How time and memory grow with hostile input (issue 12): each kind of input at growing sizes, one fresh process
per measurement, printed as a Markdown table.

    python benchmarks/limits.py            # every input, sizes growing fourfold (a few minutes)
    python benchmarks/limits.py --quick    # the two smallest sizes of each
    python benchmarks/limits.py --only path    # the inputs whose description says "path"

Library rows time the one call in a child process (building the input is not timed); command-line rows time the
whole `python -m dtdl_lint check` process. Peak memory is the child's maximum resident set size (os.wait4), input
included. The dtdl-lint measured is this source tree's. This is a measurement, not a test: nothing in CI runs it.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
MIB = 1024 * 1024
MODEL = "dtmi:example:Lamp;1"
LAMP = json.dumps(
    {
        "@context": "dtmi:dtdl:context;2",
        "@id": MODEL,
        "@type": "Interface",
        "contents": [
            {"@type": "Property", "name": "level", "schema": "double", "writable": True},
            {"@type": "Property", "name": "mode", "schema": "string"},
        ],
    }
)

# Library calls, each timed in a child of its own: the snippet reads N, builds the input, prints the call's seconds.
PRELUDE = """
import json, sys, time
from dtdl_lint import lint_models, lint_patch, lint_twin, lint_value, load_models
n = int(sys.argv[1])
LAMP = {lamp!r}
def timed(call):
    start = time.perf_counter(); found = call(); print(time.perf_counter() - start, len(found))
"""
LONG_ID = """
document = json.dumps({"@context": "dtmi:dtdl:context;2", "@id": "dtmi:" + "a:" * (n // 2) + ";1",
                       "@type": "Interface"})
timed(lambda: lint_models({"a.json": document}))
"""
DEEP_VALUE = """
value = 1.0
for _ in range(n):
    value = {"k": value}
models = load_models({"lamp.json": LAMP})
timed(lambda: lint_twin({"$dtId": "l", "$metadata": {"$model": "dtmi:example:Lamp;1"}, "level": value}, models))
"""
SCHEMA_CHAIN = """
schemas = [{"@id": f"dtmi:example:M{i};1", "@type": "Map", "mapKey": {"name": "k", "schema": "string"},
            "mapValue": {"name": "v", "schema": f"dtmi:example:M{i + 1};1" if i + 1 < n else "double"}}
           for i in range(n)]
document = json.dumps({"@context": "dtmi:dtdl:context;2", "@id": "dtmi:example:Chain;1", "@type": "Interface",
                       "schemas": schemas,
                       "contents": [{"@type": "Property", "name": "p", "schema": "dtmi:example:M0;1"}]})
def check():
    found = lint_models({"chain.json": document})
    models = load_models({"chain.json": document})
    value = "x"
    for _ in range(50):
        value = {"k": value}
    return found + lint_twin({"$dtId": "c", "$metadata": {"$model": "dtmi:example:Chain;1"}, "p": value}, models)
timed(check)
"""
LONG_PATH = """
models = load_models({"lamp.json": LAMP})
twin = {"$dtId": "l", "$metadata": {"$model": "dtmi:example:Lamp;1"}, "level": 1.0}
patch = [{"op": "add", "path": "/level" + "/a" * (n // 4), "value": 1},
         {"op": "add", "path": "/" + "x" * n, "value": 1}]
timed(lambda: lint_patch(patch, models, twin=twin))
"""
MANY_OPERATIONS = """
models = load_models({"lamp.json": LAMP})
twin = {"$dtId": "l", "$metadata": {"$model": "dtmi:example:Lamp;1"}, "level": 1.0}
patch = [{"op": "add", "path": f"/x{i}", "value": i} for i in range(n)]
timed(lambda: lint_patch(patch, models, twin=twin))
"""


def library(snippet: str):
    def command(n: int, folder: Path) -> tuple[list[str], bool]:
        return [sys.executable, "-c", PRELUDE.format(lamp=LAMP) + snippet, str(n)], True

    return command


def many_findings(n: int, folder: Path) -> tuple[list[str], bool]:
    """One model file with `n` properties named wrongly: a finding each."""
    contents = [{"@type": "Property", "name": f"{i}bad", "schema": "double"} for i in range(n)]
    (folder / "many.json").write_text(
        json.dumps(
            {"@context": "dtmi:dtdl:context;2", "@id": MODEL, "@type": "Interface", "contents": contents}, indent=1
        )
    )
    return check_command("many.json"), False


def json_lines(n: int, folder: Path) -> tuple[list[str], bool]:
    """A JSON Lines file of `n` twins with two findings each."""
    (folder / "lamp.json").write_text(LAMP)
    line = json.dumps({"$dtId": "t", "$metadata": {"$model": MODEL}, "level": "high", "colour": 1}) + "\n"
    with open(folder / "twins.jsonl", "w") as file:
        for _ in range(n // 1000):
            file.write(line * 1000)
    return check_command("--models", "lamp.json", "twins.jsonl"), False


def large_file(n: int, folder: Path) -> tuple[list[str], bool]:
    """A twin of `n` MiB (one long string value), and the same as one line of a JSON Lines file."""
    (folder / "lamp.json").write_text(LAMP)
    twin = json.dumps({"$dtId": "t", "$metadata": {"$model": MODEL}, "mode": "x" * (n * MIB - 100)})
    (folder / "big.json").write_text(twin)
    (folder / "big.jsonl").write_text(twin + "\n")
    return check_command("--models", "lamp.json", "big.json", "big.jsonl"), False


def deep_text(n: int, folder: Path) -> tuple[list[str], bool]:
    """A twin whose property nests `n` levels of objects, as text (past what json.loads reads)."""
    (folder / "lamp.json").write_text(LAMP)
    (folder / "deep.json").write_text(
        '{{"$dtId": "d", "$metadata": {{"$model": "{}"}}, "level": {}}}'.format(MODEL, '{"k": ' * n + "1" + "}" * n)
    )
    return check_command("--models", "lamp.json", "deep.json"), False


def check_command(*args: str) -> list[str]:
    return [sys.executable, "-m", "dtdl_lint", "check", *args]


# (what, unit of size, sizes, command maker)
INPUTS = [
    ("an invalid @id (lint_models)", "characters", [1 * MIB, 4 * MIB, 16 * MIB], library(LONG_ID)),
    ("a property value nested N levels (lint_twin)", "levels", [10_000, 100_000, 1_000_000], library(DEEP_VALUE)),
    ("a twin nested N levels, as text (check)", "levels", [1_000, 100_000, 10_000_000], deep_text),
    (
        "a chain of N Map schemas (lint_models, load_models, lint_twin)",
        "schemas",
        [1_000, 4_000, 16_000],
        library(SCHEMA_CHAIN),
    ),
    (
        "a patch path of N characters, simulated (lint_patch)",
        "characters",
        [1 * MIB, 4 * MIB, 16 * MIB],
        library(LONG_PATH),
    ),
    (
        "a patch of N operations, simulated (lint_patch)",
        "operations",
        [10_000, 40_000, 160_000],
        library(MANY_OPERATIONS),
    ),
    ("a model with N findings (check)", "findings", [20_000, 80_000, 320_000], many_findings),
    ("a JSON Lines file of N twins, 2 findings each (check)", "lines", [100_000, 400_000, 1_600_000], json_lines),
    ("a twin of N MiB, as a file and as a JSON Lines line (check)", "MiB", [4, 16, 63], large_file),
]


def measure(command: list[str], folder: Path, timed_inside: bool) -> tuple[float, float, str]:
    """(seconds, peak MiB, findings) of one child process; its output goes to a file (a report can be large)."""
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(REPO), os.environ.get("PYTHONPATH", "")])}
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as errors:
        start = time.perf_counter()
        child = subprocess.Popen(command, cwd=folder, env=env, stdout=out, stderr=errors)
        _, status, usage = os.wait4(child.pid, 0)
        elapsed = time.perf_counter() - start
        errors.seek(0)
        error = errors.read().decode(errors="replace")
        if os.waitstatus_to_exitcode(status) not in (0, 1):
            raise SystemExit(f"{' '.join(command[:4])} ... exited {os.waitstatus_to_exitcode(status)}: {error[-500:]}")
        out.seek(max(0, out.seek(0, os.SEEK_END) - 300))
        last = out.read().decode(errors="replace").splitlines()[-1]
    if timed_inside:
        seconds, found = last.split()
        return float(seconds), usage.ru_maxrss / 1024, found
    return elapsed, usage.ru_maxrss / 1024, last.split()[1] if last.startswith("Found") else "0"


def prepared(make, size: int, folder: Path) -> tuple[list[str], bool]:
    """make(size, folder) in a child forked for it: the inputs it writes would grow this process, and a process
    started from one starts with its memory, which counts in the peak that os.wait4 reports."""
    import multiprocessing

    reader, writer = multiprocessing.Pipe(duplex=False)
    child = multiprocessing.get_context("fork").Process(target=lambda: writer.send(make(size, folder)))
    child.start()
    made = reader.recv()
    child.join()
    return made


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--quick", action="store_true", help="the two smallest sizes of each input")
    parser.add_argument("--only", default="", metavar="WORDS", help="only the inputs whose description has WORDS")
    args = parser.parse_args()
    print("| input | size | time | peak memory | findings | time per unit, relative to the smallest size |")
    print("|---|---|---|---|---|---|")
    for what, unit, sizes, make in INPUTS:
        if args.only not in what:
            continue
        first = None
        for size in sizes[:2] if args.quick else sizes:
            with tempfile.TemporaryDirectory() as folder:
                command, inside = prepared(make, size, Path(folder))
                seconds, peak, found = measure(command, Path(folder), inside)
            per_unit = seconds / size
            first = first or per_unit
            print(
                f"| {what} | {size:,} {unit} | {seconds:.2f} s | {peak:.0f} MiB | {found} | {per_unit / first:.2f} |",
                flush=True,
            )


if __name__ == "__main__":
    main()
