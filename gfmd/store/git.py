"""The record's repository, through the git command.

The record lives in a git repository: the data directory is a folder of its work tree
(the app's own checkout by default, or a clone of the record alone). Accepted changes and
hand edits are commits, a version is a commit, and an earlier record is read straight
from git's objects (`TreePath`), never rebuilt on disk. The git command rather than a
library: it is what data editors use, it is on every host, and its push, fetch and rebase
are the reference behaviour for everything this module relies on.
"""

from __future__ import annotations

import os
import subprocess
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath

SHORT = 12  # the length of a version as the app shows it
# The folders of a data directory that hold the record (its README and anything else
# beside them are not the record: a change to them is no new version).
RECORD_DIRS = ("reference", "country", "participation")
TIMEOUT_S = 30.0
# Never ask anything on a terminal, never read the machine's or user's git settings for
# identity: a server's git does what this module says and fails otherwise.
_ENV = {"GIT_TERMINAL_PROMPT": "0", "GIT_ASKPASS": "true", "SSH_ASKPASS": "true",
        "GIT_CONFIG_NOSYSTEM": "1", "LC_ALL": "C"}


class GitError(RuntimeError):
    """A git command failed; `stderr` says why."""

    def __init__(self, args: Sequence[str], code: int, stderr: str) -> None:
        super().__init__(f"git {' '.join(args)}: exit {code}: {stderr.strip()[:500]}")
        self.code = code
        self.stderr = stderr


@dataclass(frozen=True)
class Identity:
    """A commit's author or committer."""

    name: str
    email: str


@dataclass(frozen=True)
class Repo:
    """The repository holding a data directory; `prefix` is the directory's path in it."""

    top: Path
    prefix: str  # "" when the data directory is the work tree's top

    @classmethod
    def of(cls, data_dir: Path) -> Repo | None:
        """The repository of `data_dir`, or None when it is not in a git work tree."""
        data_dir = Path(data_dir)
        if not data_dir.is_dir():
            return None
        try:
            out = run(["rev-parse", "--show-toplevel", "--show-prefix"], cwd=data_dir)
        except (GitError, OSError):
            return None
        top, _, prefix = out.partition("\n")
        return cls(Path(top), prefix.strip().rstrip("/"))

    @property
    def data_dir(self) -> Path:
        return self.top / self.prefix if self.prefix else self.top

    @property
    def pathspecs(self) -> list[str]:
        """The record's folders, as git names them."""
        return [f"{self.prefix}/{d}" if self.prefix else d for d in RECORD_DIRS]

    def git(self, *args: str, stdin: bytes | None = None,
            env: Mapping[str, str] | None = None) -> str:
        return run(list(args), cwd=self.top, stdin=stdin, env=env)

    def commit_of(self, rev: str) -> str | None:
        """The full id of the commit `rev` names, or None."""
        try:
            return self.git("rev-parse", "--verify", "--quiet", f"{rev}^{{commit}}") or None
        except GitError:
            return None

    def data_commit(self, rev: str = "HEAD") -> str | None:
        """The last commit at or before `rev` that changed the data directory."""
        try:
            return self.git("log", "-1", "--format=%H", rev, "--", *self.pathspecs) or None
        except GitError:
            return None

    def edited(self) -> set[str]:
        """The record's files with changes not committed yet (paths in the repository)."""
        out = run_bytes(["status", "--porcelain", "-z", "--untracked-files=all", "--",
                         *self.pathspecs], cwd=self.top)
        return {entry[3:].decode("utf-8", "replace") for entry in out.split(b"\0")
                if len(entry) > 3}

    def files_at(self, commit: str) -> dict[str, bytes]:
        """Every file of the data directory at `commit`, by its path inside the directory."""
        listing = self.git("ls-tree", "-r", "-z", "--full-tree", commit, "--", *self.pathspecs)
        paths, shas = [], []
        for entry in listing.split("\0"):
            if not entry:
                continue
            meta, _, path = entry.partition("\t")
            _, kind, sha = meta.split()
            if kind == "blob":
                rel = path[len(self.prefix) + 1:] if self.prefix else path
                paths.append(rel)
                shas.append(sha)
        return dict(zip(paths, self.blobs(shas), strict=True))

    def blobs(self, shas: Sequence[str]) -> list[bytes]:
        """The bytes of each blob, in one `git cat-file --batch`."""
        if not shas:
            return []
        out = run_bytes(["cat-file", "--batch"], cwd=self.top,
                        stdin="".join(f"{s}\n" for s in shas).encode())
        found, at = [], 0
        for _ in shas:
            header_end = out.index(b"\n", at)
            size = int(out[at:header_end].split()[2])
            found.append(out[header_end + 1:header_end + 1 + size])
            at = header_end + 1 + size + 1
        return found

    def commit(self, paths: Sequence[str], message: str, author: Identity,
               committer: Identity, when: str | None = None) -> str:
        """Commit exactly `paths` (inside the data directory) as they are on disk now."""
        full = [f"{self.prefix}/{p}" if self.prefix else p for p in paths]
        self.git("add", "--", *full)
        env = {"GIT_AUTHOR_NAME": author.name, "GIT_AUTHOR_EMAIL": author.email,
               "GIT_COMMITTER_NAME": committer.name, "GIT_COMMITTER_EMAIL": committer.email}
        if when:
            env |= {"GIT_AUTHOR_DATE": when, "GIT_COMMITTER_DATE": when}
        self.git("commit", "--quiet", "--no-verify", "--cleanup=verbatim", "-F", "-",
                 "--only", "--", *full, stdin=message.encode(), env=env)
        return self.git("rev-parse", "HEAD")


def run(args: list[str], cwd: Path, stdin: bytes | None = None,
        env: Mapping[str, str] | None = None) -> str:
    return run_bytes(args, cwd, stdin, env).decode("utf-8", errors="replace").strip()


def run_bytes(args: list[str], cwd: Path, stdin: bytes | None = None,
              env: Mapping[str, str] | None = None) -> bytes:
    """`git args` in `cwd`; GitError when it fails."""
    done = subprocess.run(["git", *args], cwd=cwd, input=stdin, capture_output=True,
                          timeout=TIMEOUT_S, check=False,
                          env={**os.environ, **_ENV, **(env or {})})
    if done.returncode != 0:
        raise GitError(args, done.returncode, done.stderr.decode("utf-8", "replace"))
    return done.stdout


_TOP = PurePosixPath(".")


@dataclass(frozen=True)
class _Stat:
    st_size: int


@dataclass(frozen=True, eq=False)
class TreePath:
    """A read-only path into the data directory as a commit holds it: what the loader
    needs of `pathlib.Path` (joining, listing, reading), over bytes read from git once."""

    files: Mapping[str, bytes] = field(repr=False)
    rel: PurePosixPath = _TOP
    label: str = "data"  # what the loader names the directory in its problems

    def __truediv__(self, part: str) -> TreePath:
        return TreePath(self.files, self.rel / part, self.label)

    def __eq__(self, other: object) -> bool:
        return isinstance(other, TreePath) and (other.rel, id(other.files)) == (
            self.rel, id(self.files))

    def __hash__(self) -> int:
        return hash(self.rel)

    def __lt__(self, other: TreePath) -> bool:
        return self.rel < other.rel

    @property
    def name(self) -> str:
        return self.rel.name if self.rel != _TOP else self.label

    def _key(self) -> str:
        return self.rel.as_posix()

    def is_file(self) -> bool:
        return self._key() in self.files

    def is_dir(self) -> bool:
        key = self._key()
        return key == "." or any(p.startswith(f"{key}/") for p in self.files)

    def iterdir(self) -> Iterator[TreePath]:
        key = self._key()
        start = "" if key == "." else f"{key}/"
        names = {p[len(start):].split("/")[0] for p in self.files if p.startswith(start)}
        return iter(self / n for n in sorted(names))

    def glob(self, pattern: str) -> Iterator[TreePath]:
        if pattern != "*":
            raise ValueError("a record's tree lists one folder at a time")
        return self.iterdir()

    def stat(self) -> _Stat:
        return _Stat(len(self.files[self._key()]))

    def read_bytes(self) -> bytes:
        try:
            return self.files[self._key()]
        except KeyError:
            raise FileNotFoundError(self._key()) from None

    def read_text(self, encoding: str = "utf-8") -> str:
        return self.read_bytes().decode(encoding)

    def relative_to(self, other: TreePath) -> PurePosixPath:
        return self.rel.relative_to(other.rel) if other.rel != _TOP else self.rel

    def as_posix(self) -> str:
        return self.rel.as_posix() if self.rel != _TOP else self.label

    def __str__(self) -> str:
        return self.as_posix()
