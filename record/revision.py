"""The measures of a data folder as they were at a git revision, for `changelog-entry`."""

from __future__ import annotations

import subprocess
import tempfile
from pathlib import Path

from record.load import Problem, load_measures
from record.model import Measure


class RevisionError(Exception):
    """The revision or the folder cannot be read from git (the message says why)."""


def _git(cwd: Path, *args: str) -> str:
    try:
        done = subprocess.run(["git", *args], cwd=cwd, capture_output=True, check=False, timeout=60)
    except FileNotFoundError:
        raise RevisionError("git is not installed") from None
    if done.returncode != 0:
        raise RevisionError(done.stderr.decode("utf-8", "replace").strip() or f"git {' '.join(args)} failed")
    return done.stdout.decode("utf-8")


def measures_at(revision: str, data_dir: Path) -> tuple[dict[str, Measure], list[Problem]]:
    """The valid measures under `data_dir`/measures at `revision`, by id, and the problems of
    the measures files there (a record that does not validate today is left out, so the caller
    should say so rather than call it added)."""
    data_dir = data_dir.resolve()
    if not data_dir.is_dir():
        raise RevisionError(f"{data_dir} is not a folder")
    top = Path(_git(data_dir, "rev-parse", "--show-toplevel").strip())
    try:
        rel = data_dir.relative_to(top.resolve()).as_posix()
    except ValueError:
        raise RevisionError(f"{data_dir} is not inside the git work tree {top}") from None
    try:
        commit = _git(top, "rev-parse", "--verify", "--quiet", f"{revision}^{{commit}}").strip()
    except RevisionError:
        raise RevisionError(f"no commit {revision!r} in {top}") from None
    prefix = f"{rel}/measures/" if rel != "." else "measures/"
    names = [n for n in _git(top, "ls-tree", "-r", "--name-only", commit, "--", prefix).splitlines()
             if n.endswith(".yaml") and "/" not in n[len(prefix):]]
    with tempfile.TemporaryDirectory(prefix="measures-at-") as tmp:
        folder = Path(tmp)
        (folder / "measures").mkdir()
        for name in names:
            blob = subprocess.run(["git", "show", f"{commit}:{name}"], cwd=top, capture_output=True, check=True, timeout=60).stdout
            (folder / "measures" / name[len(prefix):]).write_bytes(blob)
        measures, problems = load_measures(folder)
    return {m.id: m for m in measures}, problems
