"""dtdl-lint against the official parser and against only reading JSON, side by side in one run (issue 7).

    python benchmarks/run.py                      # the issue's workloads (a few minutes: 1,000,000 twins)
    python benchmarks/run.py --repeats 3 --twins 100000      # a quick run
    python benchmarks/run.py --update-readme      # also write the table into benchmarks/README.md
    python benchmarks/run.py --only import        # one kind of row (files, v3, jsonl, import, repository,
                                                  # in-process, query)

The dtdl-lint measured is the one in this source tree: `python -m dtdl_lint` with the repository first on
PYTHONPATH (not an installed console script). Whole-process rows time a fresh process per run (wall time, and
peak memory from os.wait4's rusage of that process); in-process rows time calls in this (warm) process. The
two sides of a row run in turn, round after round; each time is the median of the rounds, each ratio the
median of the rounds' ratios. Corpora and the official parser come from ../shared beside the
repository (or DTDL_LINT_SHARED); the official parser from DTDL_LINT_OFFICIAL_PARSER if set. A row whose
inputs are missing is reported as skipped, with the reason. This is a measurement, not a test: nothing in
CI runs it.
"""

from __future__ import annotations

import argparse
import datetime
import json
import os
import platform
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
SHARED = Path(os.environ.get("DTDL_LINT_SHARED", REPO.parent / "shared"))
BUILDING = SHARED / "corpora" / "opendigitaltwins-building"
BUILDING_V3 = SHARED / "corpora" / "opendigitaltwins-building-v3"  # RealEstateCore's current release, DTDL v3
OFFICIAL = Path(
    os.environ.get("DTDL_LINT_OFFICIAL_PARSER", SHARED / "tools" / "official-parser" / "official-dtdl-parser")
)
OFFICIAL_HOME = Path(os.environ.get("OFFICIAL_DTDL_PARSER_HOME", Path.home() / ".cache" / "official-dtdl-parser"))
PNP_SAMPLE = SHARED / "corpora" / "pnp-models-sample"
CONTROLLER = REPO / "fixtures" / "examples" / "temperature-controller"
ROOM = "dtmi:digitaltwins:rec_3_3:core:Room;1"
MIB = 1024 * 1024
# (--only; v3: the DTDL v3 ontology's rows)
ROWS = ["files", "v3", "jsonl", "import", "repository", "in-process", "query"]

sys.path.insert(0, str(REPO))

# Reads and json.loads every *.json file below a folder (the cost of reading JSON, whole process).
READ_FOLDER = """
import json, os, sys
for root, folders, files in os.walk(sys.argv[1]):
    folders.sort()
    for name in sorted(files):
        if name.endswith(".json"):
            with open(os.path.join(root, name), "rb") as f:
                json.loads(f.read())
"""
# The same, holding every parsed value (the memory of holding the parsed JSON).
HOLD_FOLDER = READ_FOLDER.replace("import json, os, sys", "import json, os, sys\nheld = []").replace(
    "json.loads(f.read())", "held.append(json.loads(f.read()))"
)
# Writes, for the official parser's --cases, one line per model of a repository: its text and its closure's.
REPOSITORY_CASES = """
import json, sys
from dtdl_lint.repository import Repository
repository = Repository(sys.argv[1])
repository.read()
with open(sys.argv[2], "w", encoding="utf-8") as out:
    for path in sorted(repository.names):
        texts = [open(repository.names[p], encoding="utf-8").read() for p in repository.closure_of(path)]
        out.write(json.dumps({"id": path, "modelsText": texts}) + "\\n")
"""
# Reads a JSON Lines file and json.loads each line.
READ_LINES = """
import json, sys
with open(sys.argv[1], "rb") as f:
    for line in f:
        json.loads(line)
"""


def dtdl_lint(*args: str) -> list[str]:
    return [sys.executable, "-m", "dtdl_lint", "check", "--quiet", *args]


def official_missing() -> str | None:
    """Why the official parser cannot run here, or None."""
    if not OFFICIAL.is_file():
        return f"the official parser is not at {OFFICIAL} (set DTDL_LINT_OFFICIAL_PARSER)"
    if not (OFFICIAL_HOME / "node_modules" / "@digicatapult" / "dtdl-parser" / "package.json").is_file():
        return f"the official parser is not installed under {OFFICIAL_HOME} (run {OFFICIAL} once; it needs npm)"
    return None


class Timing:
    """The seconds of each round of one side of a comparison (and its peak memory, MiB, for processes)."""

    def __init__(self, times: list[float], peak: float = 0.0) -> None:
        self.times, self.peak = times, peak

    @property
    def median(self) -> float:
        return statistics.median(self.times)

    def __truediv__(self, other: Timing) -> float:
        """The ratio of two sides timed in turn: the median of the rounds' ratios (each round's two times were
        taken moments apart, under the same load)."""
        return statistics.median(mine / theirs for mine, theirs in zip(self.times, other.times, strict=False))


def processes(commands: list[list[str]], repeats: int, warm: bool = True, tree: bool = False) -> list[Timing]:
    """(median wall seconds, largest peak RSS in MiB) of each command, run `repeats` times in turn (one of
    each, then again: whatever the host does meanwhile falls on all of them alike), after one round that is
    not counted (files in the page cache, bytecode written) unless `warm` is false, output discarded. Bytecode
    is written even where the environment says not to, as an installed package has it: compiling dtdl-lint's
    modules at every start is not the cost a user pays. With `tree`, the peak is that of the process and the
    ones it starts together (`tree_memory`), sampled every 20 ms."""
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(REPO), os.environ.get("PYTHONPATH", "")])}
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    times: list[list[float]] = [[] for _ in commands]
    peaks: list[list[float]] = [[] for _ in commands]
    for round_ in range(repeats + warm):
        for index, command in enumerate(commands):
            start = time.perf_counter()
            child = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=env, cwd=REPO)
            sampled: list[float] = []
            sampler = threading.Thread(target=tree_memory, args=(child.pid, sampled), daemon=True) if tree else None
            if sampler:
                sampler.start()
            _, status, usage = os.wait4(child.pid, 0)
            elapsed = time.perf_counter() - start
            if sampler:
                sampler.join()
            error = child.stderr.read().decode(errors="replace")
            child.stderr.close()
            code = os.waitstatus_to_exitcode(status)
            if code not in (0, 1):  # 1: findings (dtdl-lint) or an invalid model set (official parser)
                raise SystemExit(f"{' '.join(command)} exited {code}: {error.strip()[-500:]}")
            if round_ >= warm:
                times[index].append(elapsed)
                peaks[index].append(max(sampled) if sampled else usage.ru_maxrss / 1024)  # KiB on Linux
    return [Timing(t, max(p)) for t, p in zip(times, peaks, strict=False)]


def tree_memory(pid: int, sampled: list[float]) -> None:
    """Append, every 20 ms until the process `pid` ends, the memory of it and its descendants in MiB: the sum of
    their proportional set sizes (a page shared by n of them counts 1/n in each: forked workers share the pages
    of their parent that neither writes)."""
    while True:
        family, total = [pid], 0
        for member in family:
            try:
                for task in os.listdir(f"/proc/{member}/task"):
                    family += map(int, Path(f"/proc/{member}/task/{task}/children").read_text().split())
                rollup = Path(f"/proc/{member}/smaps_rollup").read_text()
            except OSError:  # ended meanwhile (or, the process itself: it has been waited for)
                if member == pid:
                    return
                continue
            total += int(next(line.split()[1] for line in rollup.splitlines() if line.startswith("Pss:")))
        sampled.append(total / 1024)
        time.sleep(0.02)


def per_call(functions: list[tuple[object, int]], repeats: int) -> list[Timing]:
    """For each (function, calls): the median over `repeats` rounds of the seconds one call takes, timed over
    `calls` calls; in each round every function is timed in turn, after one call of each to warm up."""
    times: list[list[float]] = [[] for _ in functions]
    for function, _ in functions:
        function()  # warm: imports, caches
    for _ in range(repeats):
        for index, (function, calls) in enumerate(functions):
            start = time.perf_counter()
            for _ in range(calls):
                function()
            times[index].append((time.perf_counter() - start) / calls)
    return [Timing(t) for t in times]


def room_twin(number: int) -> dict:
    """A twin of the building ontology's Room (Space's properties and six components), varied by `number`."""
    return {
        "$dtId": f"room-{number}",
        "$etag": f'W/"{number:08x}"',
        "$metadata": {"$model": ROOM, "name": {"lastUpdateTime": "2024-05-01T10:00:00.000Z"}},
        "name": f"Room {number}",
        "personOccupancy": number % 40,
        "personCapacity": 40,
        "customTags": {"quiet": True, "wheelchair": number % 2 == 0},
        "externalIds": {"sap": f"R-{number:07d}"},
        "area": {"$metadata": {}, "grossArea": 20.5 + number % 7, "usableArea": 18.0},
        "temperature": {"$metadata": {}, "temperatureSetpoint": 21.0},
        "capacity": {"$metadata": {}, "maxOccupancy": 40, "seatingCapacity": 30},
        "occupancy": {"$metadata": {}},
        "humidity": {"$metadata": {}},
        "CO2": {"$metadata": {}},
    }


PATCH = [  # ten operations a building application sends: properties, a map entry, component properties
    {"op": "replace", "path": "/name", "value": "Room 1 (east)"},
    {"op": "replace", "path": "/personOccupancy", "value": 12},
    {"op": "add", "path": "/customTags/projector", "value": True},
    {"op": "remove", "path": "/customTags/quiet"},
    {"op": "add", "path": "/externalIds/bms", "value": "B-17"},
    {"op": "replace", "path": "/area/grossArea", "value": 22.5},
    {"op": "add", "path": "/area/rentableArea", "value": 21.0},
    {"op": "replace", "path": "/temperature/temperatureSetpoint", "value": 20.5},
    {"op": "add", "path": "/temperature/temperatureDelta", "value": 0.5},
    {"op": "replace", "path": "/capacity/seatingCapacity", "value": 28},
]


class Table:
    def __init__(self) -> None:
        self.rows: list[tuple[str, ...]] = []
        self.notes: list[str] = []

    def add(
        self,
        workload: str,
        ours: str,
        theirs: str,
        ratio: float | None,
        target: str,
        met: bool | None,
        detail: str = "",
    ) -> None:
        shown = "" if ratio is None else f"{ratio:.2f}x"
        verdict = {True: "met", False: "**not met**", None: "skipped"}[met]
        self.rows.append((workload, ours, theirs, shown, target, verdict + (f" ({detail})" if detail else "")))
        print(" | ".join(self.rows[-1]), flush=True)

    def skip(self, workload: str, target: str, why: str) -> None:
        self.add(workload, "", "", None, target, None, why)

    def markdown(self) -> str:
        lines = ["| workload | dtdl-lint | compared with | ratio | target | result |", "|---|---|---|---|---|---|"]
        lines += ["| " + " | ".join(row) + " |" for row in self.rows]
        return "\n".join(lines + [""] + [f"- {note}" for note in self.notes])


def ms(timing: Timing) -> str:
    seconds = timing.median
    return f"{seconds * 1000:.1f} ms" if seconds < 10 else f"{seconds:.1f} s"


def us(timing: Timing) -> str:
    return f"{timing.median * 1e6:.1f} µs" if timing.median < 1e-3 else ms(timing)


def official_row(
    table: Table,
    workload: str,
    target: str,
    ours: Timing,
    theirs: list[Timing],
    missing: str | None,
    met: Callable[[float], bool],
) -> None:
    """A row against the official parser (`theirs`, empty when it is `missing`), met when `met` holds of the
    ratio."""
    if not theirs:
        table.skip(workload, target, missing or "")
        return
    table.add(
        workload,
        f"{ms(ours)}, {ours.peak:.0f} MiB",
        f"{ms(theirs[0])}, {theirs[0].peak:.0f} MiB",
        theirs[0] / ours,
        target,
        met(theirs[0] / ours),
    )


def whole_process_rows(table: Table, repeats: int, v2: bool = True, v3: bool = True) -> None:
    """The rows of whole processes checking models: the v2 ontology and the one model (`v2`), the v3 ontology
    (`v3`)."""
    official = official_missing()
    if official:
        table.notes.append(f"Official parser rows skipped: {official}.")
    if v2:
        ontology_rows(table, repeats, official, BUILDING, "building ontology")
    if v3:
        ontology_rows(table, repeats, official, BUILDING_V3, "building ontology v3 (DTDL v3)")
    if v2:
        one_model_row(table, repeats, official)


def ontology_rows(table: Table, repeats: int, official: str | None, folder: Path, name: str) -> None:
    """An ontology checked as one model set, whole process: against the official parser, and against reading
    its JSON."""
    if not folder.is_dir():
        for workload in (f"check {name} vs official parser", f"check {name} vs reading JSON"):
            table.skip(workload, "", f"no corpus at {folder}")
    else:
        files = sum(1 for _ in folder.rglob("*.json"))
        commands = [dtdl_lint(str(folder)), [sys.executable, "-c", READ_FOLDER, str(folder)]]
        measured = processes(commands + ([] if official else [[str(OFFICIAL), str(folder)]]), repeats)
        ours, reading = measured[:2]
        workload = f"check {name} ({files} files), whole process"
        official_row(
            table,
            f"{workload}, vs official parser",
            ">= 5x faster, <= 100 MiB",
            ours,
            measured[2:],
            official,
            lambda ratio: ratio >= 5 and ours.peak <= 100,
        )
        table.add(
            f"{workload}, vs a process that reads and json.loads the files",
            ms(ours),
            f"{ms(reading)}, {reading.peak:.0f} MiB",
            ours / reading,
            "<= 3x its time",
            ours / reading <= 3,
        )


def one_model_row(table: Table, repeats: int, official: str | None) -> None:
    model = CONTROLLER / "temperaturecontroller-2.json"
    workload = "check one model (TemperatureController, its 2 component models via --models), whole process"
    if official:
        table.skip(f"{workload}, vs official parser", ">= 8x faster", official)
    else:
        ours, theirs = processes(
            [dtdl_lint(str(model), "--models", str(CONTROLLER)), [str(OFFICIAL), str(CONTROLLER)]], repeats
        )
        table.add(
            f"{workload}, vs official parser on the same 3 files",
            f"{ms(ours)}, {ours.peak:.0f} MiB",
            ms(theirs),
            theirs / ours,
            ">= 8x faster",
            theirs / ours >= 8,
        )


def in_process_rows(table: Table, repeats: int) -> None:
    if not BUILDING.is_dir():
        for workload in ("lint_models", "lint_twin", "lint_patch"):
            table.skip(workload, "", f"no corpus at {BUILDING}")
        return
    import jsonpatch
    import jsonschema

    import dtdl_lint
    from dtdl_lint.jsonschema_export import twin_schema

    texts = {str(path): path.read_text(encoding="utf-8") for path in sorted(BUILDING.rglob("*.json"))}
    ours, theirs = per_call(
        [(lambda: dtdl_lint.lint_models(texts), 1), (lambda: [json.loads(text) for text in texts.values()], 10)],
        repeats,
    )
    table.add(
        f"lint_models of the building ontology ({len(texts)} texts), warm process",
        ms(ours),
        f"json.loads of the texts: {ms(theirs)}",
        ours / theirs,
        "<= 10x its time",
        ours / theirs <= 10,
    )

    models = dtdl_lint.load_models(texts)
    twin = room_twin(1)
    assert dtdl_lint.lint_twin(twin, models) == [], "the benchmark's Room twin must be valid"
    schema = twin_schema(models, ROOM)
    validator = jsonschema.validators.validator_for(schema)(schema)
    assert not list(validator.iter_errors(twin))
    ours, theirs = per_call(
        [(lambda: dtdl_lint.lint_twin(twin, models), 2000), (lambda: list(validator.iter_errors(twin)), 200)], repeats
    )
    table.add(
        "lint_twin of a Room twin (building ontology, 6 components)",
        us(ours),
        f"jsonschema, exported schema: {us(theirs)}",
        theirs / ours,
        ">= 3x faster",
        theirs / ours >= 3,
    )

    assert dtdl_lint.lint_patch(PATCH, models, model=ROOM, twin=twin) == [], "the benchmark's patch must be valid"
    ours, theirs = per_call(
        [
            (lambda: dtdl_lint.lint_patch(PATCH, models, model=ROOM, twin=twin), 1000),
            (lambda: jsonpatch.apply_patch(twin, PATCH), 1000),
        ],
        repeats,
    )
    assert twin == room_twin(1), "neither may change the current twin"
    table.add(
        "lint_patch of a 10-operation patch, simulated on the current twin",
        us(ours),
        f"jsonpatch.apply_patch: {us(theirs)}",
        ours / theirs,
        "<= 4x its time",
        ours / theirs <= 4,
    )


# A query of the building ontology: a JOIN, IS_OF_MODEL, comparisons and a function (issue 18).
QUERY = (
    "SELECT R, S FROM DIGITALTWINS R JOIN S RELATED R.isLocationOf WHERE R.$dtId IN ['room-1', 'room-2'] "
    f"AND IS_OF_MODEL(R, '{ROOM}') AND R.name = 'Room 1' AND R.personCapacity > 10 AND STARTSWITH(S.name, 'T')"
)


def query_row(table: Table, repeats: int) -> None:
    workload = "lint_query of a JOIN query (building ontology), after the grammar is built"
    if not BUILDING.is_dir():
        table.skip(workload, "", f"no corpus at {BUILDING}")
        return
    import dtdl_lint
    from dtdl_lint.query.syntax import parse

    models = dtdl_lint.load_models([BUILDING])
    assert dtdl_lint.lint_query(QUERY, models) == [], "the benchmark's query must be valid"
    ours, theirs = per_call(
        [(lambda: dtdl_lint.lint_query(QUERY, models), 2000), (lambda: parse(QUERY), 2000)], repeats
    )
    table.add(
        workload, us(ours), f"parsing it alone (lark LALR): {us(theirs)}", ours / theirs, "< 1 ms", ours.median < 1e-3
    )


def json_lines_row(table: Table, repeats: int, twins: int) -> None:
    workload = f"check a JSON Lines file of {twins:,} Room twins (--models building ontology), whole process"
    if not BUILDING.is_dir():
        table.skip(workload, "", f"no corpus at {BUILDING}")
        return
    with tempfile.TemporaryDirectory(prefix="dtdl-lint-bench-") as folder:
        path = Path(folder, "twins.jsonl")
        with path.open("w", encoding="utf-8") as out:
            for number in range(twins):
                out.write(json.dumps(room_twin(number)) + "\n")
        size = path.stat().st_size
        # not warmed: the earlier rows wrote the bytecode, and the file just written is in the page cache
        ours, theirs = processes(
            [dtdl_lint(str(path), "--models", str(BUILDING)), [sys.executable, "-c", READ_LINES, str(path)]],
            repeats,
            warm=False,
        )
    table.add(
        f"{workload} ({size / MIB:.0f} MiB)",
        f"{ms(ours)}, {ours.peak:.0f} MiB",
        f"json.loads of each line: {ms(theirs)}, {theirs.peak:.0f} MiB",
        ours / theirs,
        "<= 6x its time, <= 150 MiB",
        ours / theirs <= 6 and ours.peak <= 150,
    )


def import_file_row(table: Table, repeats: int, twins: int, relationships: int) -> None:
    """An Azure Digital Twins import file made from the building ontology (benchmarks/import_file.py), checked
    by the whole process (its workers, one per core, included in the peak memory)."""
    workload = (
        f"check an import file of the building ontology ({{models}} models, {twins:,} twins, {relationships:,} "
        "relationships), whole process"
    )
    if not BUILDING.is_dir():
        table.skip(workload, "", f"no corpus at {BUILDING}")
        return
    from import_file import write  # (benchmarks/, this script's folder)

    with tempfile.TemporaryDirectory(prefix="dtdl-lint-bench-") as folder:
        path = Path(folder, "import.ndjson")
        write(path, twins, relationships)
        size = path.stat().st_size
        models = sum(1 for _ in BUILDING.rglob("*.json"))
        ours, theirs = processes(
            [dtdl_lint(str(path)), [sys.executable, "-c", READ_LINES, str(path)]], repeats, warm=False, tree=True
        )
    table.add(
        f"{workload.format(models=models)} ({size / MIB:.0f} MiB)",
        f"{ms(ours)}, {ours.peak:.0f} MiB",
        f"json.loads of each line: {ms(theirs)}, {theirs.peak:.0f} MiB",
        ours / theirs,
        "<= 4x its time, < 500 MiB",
        ours / theirs <= 4 and ours.peak < 500,
    )


def copy_repository(source: Path, target: Path, copies: int) -> int:
    """A larger model repository: `copies` copies of `source`'s dtmi/ folder, each with its DTMIs renamed under a
    segment of its own (dtmi:com:example:Room;1 -> dtmi:copy2:com:example:Room;1, in dtmi/copy2/com/...), so
    that each copy resolves within itself; the DTDL and IoT Central context DTMIs are left alone."""
    files = sorted((source / "dtmi").rglob("*.json"))
    for copy in range(copies):
        for file in files:
            text = file.read_text(encoding="utf-8")
            renamed = text.replace('"dtmi:', f'"dtmi:copy{copy}:')
            for kept in ("dtdl:", "iotcentral:"):
                renamed = renamed.replace(f'"dtmi:copy{copy}:{kept}', f'"dtmi:{kept}')
            path = target / "dtmi" / f"copy{copy}" / file.relative_to(source / "dtmi")
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(renamed, encoding="utf-8")
    return len(files) * copies


def repository_rows(table: Table, repeats: int, copies: int) -> None:
    """A model repository checked whole (`check --repo DIR`), against the official parser checking each model with
    its closure (one set per model, --cases), a process that reads and json.loads every file, and one that holds
    them all."""
    workload = "check a model repository (--repo), whole process"
    if not PNP_SAMPLE.is_dir():
        table.skip(workload, ">= 10x faster than the official parser", f"no corpus at {PNP_SAMPLE}")
        return
    official = official_missing()
    with tempfile.TemporaryDirectory(prefix="dtdl-lint-bench-repo-") as folder:
        repo, cases = Path(folder, "repo"), Path(folder, "cases.jsonl")
        models = copy_repository(PNP_SAMPLE, repo, copies)
        env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(REPO), os.environ.get("PYTHONPATH", "")])}
        subprocess.run([sys.executable, "-c", REPOSITORY_CASES, str(repo), str(cases)], check=True, env=env)
        commands = [
            dtdl_lint("--repo", str(repo)),
            [sys.executable, "-c", READ_FOLDER, str(repo)],
            [sys.executable, "-c", HOLD_FOLDER, str(repo)],
        ]
        measured = processes(commands + ([] if official else [[str(OFFICIAL), "--cases", str(cases)]]), repeats)
    ours, reading, holding = measured[:3]
    workload = f"check a model repository of {models:,} models (the PnP sample x {copies}, renamed), whole process"
    official_row(
        table,
        f"{workload}, vs official parser on each model with its closure ({models:,} sets)",
        ">= 10x faster",
        ours,
        measured[3:],
        official,
        lambda ratio: ratio >= 10,
    )
    table.add(
        f"{workload}, vs a process that reads and json.loads every file",
        ms(ours),
        f"{ms(reading)}, {reading.peak:.0f} MiB",
        ours / reading,
        "<= 3x its time",
        ours / reading <= 3,
    )
    table.add(
        f"{workload}, peak memory vs a process holding every parsed file",
        f"{ours.peak:.0f} MiB",
        f"{ms(holding)}, {holding.peak:.0f} MiB",
        ours.peak / holding.peak,
        "<= 2x its memory",
        ours.peak <= 2 * holding.peak,
    )


def machine() -> str:
    cpu = (
        next(
            (
                line.split(":", 1)[1].strip()
                for line in Path("/proc/cpuinfo").read_text().splitlines()
                if line.startswith("model name")
            ),
            platform.processor(),
        )
        if Path("/proc/cpuinfo").exists()
        else ""
    )
    load = ", ".join(f"{x:.2f}" for x in os.getloadavg())
    return (
        f"{datetime.date.today()}; {os.cpu_count()} cores, {cpu}; Python {platform.python_version()}; "
        f"node {_version(['node', '--version'])}; load average before the run {load}"
    )


def _version(command: list[str]) -> str:
    try:
        return subprocess.run(command, capture_output=True, text=True, check=False).stdout.strip() or "absent"
    except OSError:
        return "absent"


def update_readme(text: str) -> None:
    readme = Path(__file__).with_name("README.md")
    start, end = "<!-- results: written by benchmarks/run.py --update-readme -->", "<!-- end of results -->"
    content = readme.read_text(encoding="utf-8")
    before, _, rest = content.partition(start)
    _, _, after = rest.partition(end)
    readme.write_text(f"{before}{start}\n{text}\n{end}{after}", encoding="utf-8")


def main() -> None:
    options = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    options.add_argument("--repeats", type=int, default=9, help="rounds per measurement (median) [9]")
    options.add_argument("--twins", type=int, default=1_000_000, help="twins in the JSON Lines file [1,000,000]")
    options.add_argument("--jsonl-repeats", type=int, default=3, help="runs of the JSON Lines row [3]")
    options.add_argument("--import-twins", type=int, default=1_000_000, help="twins in the import file [1,000,000]")
    options.add_argument(
        "--import-relationships", type=int, default=2_000_000, help="relationships in the import file [2,000,000]"
    )
    options.add_argument(
        "--repository-copies", type=int, default=6, help="copies of the PnP sample in the repository [6]"
    )
    options.add_argument("--repository-repeats", type=int, default=3, help="runs of the repository rows [3]")
    options.add_argument("--only", choices=ROWS, nargs="+", default=ROWS, help="the rows to run [all]")
    options.add_argument("--update-readme", action="store_true", help="write the table into benchmarks/README.md")
    given = options.parse_args()
    if given.update_readme and set(given.only) != set(ROWS):
        options.error("--update-readme writes the whole table: run every row")
    header = machine()
    print(header, flush=True)
    table = Table()
    # Whole-process rows first, while this process is small: Linux counts the memory of the process a child
    # was forked from in the child's peak (ru_maxrss), so they must not follow the in-process rows.
    if "files" in given.only or "v3" in given.only:
        whole_process_rows(table, given.repeats, "files" in given.only, "v3" in given.only)
    if "jsonl" in given.only:
        json_lines_row(table, given.jsonl_repeats, given.twins)
    if "import" in given.only:
        import_file_row(table, given.jsonl_repeats, given.import_twins, given.import_relationships)
    if "repository" in given.only:
        repository_rows(table, given.repository_repeats, given.repository_copies)
    if "in-process" in given.only:
        in_process_rows(table, given.repeats)
    if "query" in given.only:
        query_row(table, given.repeats)
    runs = (
        f"medians of {given.repeats} runs ({given.jsonl_repeats} for JSON Lines and import files, "
        f"{given.repository_repeats} for the model repository)"
    )
    text = f"{header}; {runs}\n\n{table.markdown()}"
    print("\n" + text)
    if given.update_readme:
        update_readme(text)


if __name__ == "__main__":
    main()
