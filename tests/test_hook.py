"""The pre-commit hook, driven by pre-commit itself in a temporary git repository: a commit with an invalid
model fails, a valid one passes, and other JSON files (package.json, tsconfig.json) are left alone.

pre-commit clones the hook repository and installs it with pip into a fresh virtual environment, which needs the
package registry (for the build backend and the dependencies) and takes about ten seconds."""

from __future__ import annotations

import importlib.util
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "fixtures" / "examples" / "temperature-controller"
INVALID = ROOT / "fixtures" / "models" / "invalid-id" / "room.json"


def hooks() -> list[dict]:
    yaml = pytest.importorskip("yaml", reason="PyYAML comes with pre-commit, in the test extra")
    return yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text())


def test_hook_definition() -> None:
    import re
    import tomllib

    hook, repository, diff = hooks()
    assert (hook["id"], repository["id"]) == ("dtdl-lint", "dtdl-lint-repository")
    for each in (hook, repository):
        assert (each["language"], each["types"], each["require_serial"]) == ("python", ["file"], True)
        script, command = each["entry"].split()[:2]
        assert command == "check"
        assert script in tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]["scripts"]
    names = [
        "a.json",
        "b/c.JSON",
        "twins.jsonl",
        "batch.ndjson",
        "rooms.adtquery",
        "a.json.bak",
        "a.jsonld",
        "notes.txt",
    ]
    matched = ["a.json", "b/c.JSON", "twins.jsonl", "batch.ndjson", "rooms.adtquery"]
    assert [n for n in names if re.search(hook["files"], n)] == matched
    names = ["dtmi/com/example/room-1.json", "dtmi/a-1.expanded.json", "models/room.json", "index.json"]
    assert [n for n in names if re.search(repository["files"], n)] == names[:2]
    assert repository["entry"].split()[2:] == ["--repo", "."]
    # the diff hook compares the whole model set with the last commit: no file names
    assert diff["id"] == "dtdl-lint-diff" and diff["entry"].split() == [script, "diff", "--base", "HEAD"]
    assert diff["pass_filenames"] is False


def git(*args: str, cwd: Path, env: dict | None = None) -> subprocess.CompletedProcess:
    return subprocess.run(["git", *args], cwd=cwd, env=env, capture_output=True, text=True, timeout=600)


@pytest.fixture(scope="module")
def hook_repo(tmp_path_factory) -> tuple[Path, str]:
    """A git repository holding the project's files as they are in the working tree, and its commit."""
    if shutil.which("git") is None:
        pytest.skip("git is not installed")
    if importlib.util.find_spec("pre_commit") is None:
        pytest.skip("pre-commit is not installed (it is in the test extra: pip install '.[test]')")
    listed = git("ls-files", "-z", "--cached", "--others", "--exclude-standard", cwd=ROOT)
    if listed.returncode != 0:
        pytest.skip("the project is not a git checkout (an sdist): nothing for pre-commit to clone")
    repo = tmp_path_factory.mktemp("hook-repo")
    for name in filter(None, listed.stdout.split("\0")):
        if (ROOT / name).is_file():
            (repo / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(ROOT / name, repo / name)
    for args in (["init", "-q"], ["add", "-A"], ["-c", "user.name=t", "-c", "user.email=t@t", "commit", "-qm", "hook"]):
        assert git(*args, cwd=repo).returncode == 0
    return repo, git("rev-parse", "HEAD", cwd=repo).stdout.strip()


def test_commits_with_the_hook(hook_repo, tmp_path) -> None:
    repo, rev = hook_repo
    work = tmp_path / "models-repo"
    work.mkdir()
    env = {
        **os.environ,
        "PRE_COMMIT_HOME": str(tmp_path / "pre-commit-cache"),
        "NO_COLOR": "1",
        "GIT_AUTHOR_NAME": "t",
        "GIT_AUTHOR_EMAIL": "t@t",
        "GIT_COMMITTER_NAME": "t",
        "GIT_COMMITTER_EMAIL": "t@t",
    }
    (work / ".pre-commit-config.yaml").write_text(
        f"repos:\n- repo: {repo}\n  rev: {rev}\n  hooks:\n  - id: dtdl-lint\n"
    )
    assert git("init", "-q", cwd=work).returncode == 0
    installed = subprocess.run(
        [sys.executable, "-m", "pre_commit", "install"], cwd=work, env=env, capture_output=True, text=True, timeout=120
    )
    assert installed.returncode == 0, installed.stdout + installed.stderr

    shutil.copytree(EXAMPLE, work / "models")
    (work / "package.json").write_text('{"name": "site", "version": "1.0.0"}\n')
    (work / "tsconfig.json").write_text('{\n  // comments are allowed here\n  "compilerOptions": {},\n}\n')
    git("add", "-A", cwd=work)
    valid = git("commit", "-m", "valid models", cwd=work, env=env)
    assert valid.returncode == 0, valid.stdout + valid.stderr
    assert "dtdl-lint" in valid.stdout + valid.stderr and "Passed" in valid.stdout + valid.stderr

    shutil.copy(INVALID, work / "models" / "room.json")
    git("add", "-A", cwd=work)
    invalid = git("commit", "-m", "an invalid model", cwd=work, env=env)
    output = invalid.stdout + invalid.stderr
    assert invalid.returncode != 0, output
    assert "Failed" in output and "models/room.json:3:3: DTL111 " in output
    assert "in 1 file." in output  # only the changed file is passed to the hook
    assert git("rev-list", "--count", "HEAD", cwd=work).stdout.strip() == "1"

    (work / "models" / "room.json").unlink()
    (work / ".pre-commit-config.yaml").write_text(
        f"repos:\n- repo: {repo}\n  rev: {rev}\n  hooks:\n  - id: dtdl-lint\n    args: [--models, models]\n"
    )
    twin = '{"$metadata": {"$model": "dtmi:com:example:Thermostat;1"}, "targetTemperature": "hot"}\n'
    (work / "twins.jsonl").write_text(twin)
    git("add", "-A", cwd=work)
    streamed = git("commit", "-m", "a bad twin in JSON Lines", cwd=work, env=env)
    output = streamed.stdout + streamed.stderr
    assert streamed.returncode != 0, output
    assert "twins.jsonl:1:" in output and "DTL401" in output

    (work / ".pre-commit-config.yaml").write_text(
        f"repos:\n- repo: {repo}\n  rev: {rev}\n  hooks:\n  - id: dtdl-lint-diff\n    args: [models]\n"
    )
    (work / "twins.jsonl").unlink()
    git("add", "-A", cwd=work)
    unchanged = git("commit", "-m", "the diff hook", cwd=work, env=env)
    assert unchanged.returncode == 0, unchanged.stdout + unchanged.stderr
    edited = work / "models" / "thermostat-1.json"
    edited.write_text(edited.read_text().replace('"@type": "Interface",', '"@type": "Interface", "comment": "x",', 1))
    git("add", "-A", cwd=work)
    changed = git("commit", "-m", "a model changed in place", cwd=work, env=env)
    output = changed.stdout + changed.stderr
    assert changed.returncode != 0, output
    assert "models/thermostat-1.json:" in output and "DTL601" in output
