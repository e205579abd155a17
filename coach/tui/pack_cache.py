"""The packs as the last start read them, kept so the next start need not parse them again.

Reading, validating and compiling the YAML packs takes about 0.1 s of CPU at each start of the
drafting app (a twentieth of the time a restored draft waits for its score); unpickling what
that gave takes 2 ms. The packs are kept in one file of the data folder with a key of
everything they are read from (``packs_key``: the coach version and Python's, each source
and the bytes of every file under it, and the size and time of the engine's own modules), and
used only if the key is the key of the sources as they are now. Anything else (no file, a
different key, a file that cannot be read back, one another user could have written) parses
the packs as before and keeps the result. The packs are plain frozen values
(``coach.engine.packs.model``): what is read back equals what parsing gives.
"""

from __future__ import annotations

import hashlib
import os
import pickle
import sys
from pathlib import Path
from typing import TYPE_CHECKING

import coach
from coach.config.locations import data_dir
from coach.tui.report_cache import add_stat, files_of

if TYPE_CHECKING:
    from coach.engine.config import EngineConfig
    from coach.engine.packs.model import Pack

FILE_NAME = "packs.pickle"


def cached_packs(config: EngineConfig, folder: Path | None = None) -> list[Pack]:
    """The packs of ``config``'s sources: kept ones if their key still holds, else parsed
    (``PackError`` as usual) and kept."""
    from coach.engine.packs.sources import config_sources, load_packs

    sources = config_sources(config)
    path = (folder or data_dir()) / FILE_NAME
    key = packs_key(sources)
    packs = _read(path, key)
    if packs is None:
        packs = load_packs(sources)
        _write(path, key, packs)
    return packs


def packs_key(sources) -> str:
    """A digest of what the packs of ``sources`` are read from and by."""
    digest = hashlib.sha256()
    digest.update(f"coach {coach.__version__}\npython {sys.version}\n".encode())
    for source in sources:
        digest.update(f"source {source.origin}\n".encode())
        for path in files_of(Path(source.path)):
            digest.update(f"{path}\n".encode())
            digest.update(path.read_bytes() if path.is_file() else b"(missing)")
    engine = Path(coach.__file__).parent / "engine"
    for path in sorted(engine.rglob("*.py")):  # the parser and the rule kinds it calls
        add_stat(digest, path)
    return digest.hexdigest()


def _read(path: Path, key: str) -> list[Pack] | None:
    try:
        with path.open("rb") as file:
            status = os.fstat(file.fileno())
            if status.st_uid != os.getuid() or status.st_mode & 0o022:
                return None  # only a file this user alone could have written is unpickled
            kept_key, packs = pickle.load(file)
    except Exception:  # no file, or one that does not read back: parse again
        return None
    return packs if kept_key == key and isinstance(packs, list) else None


def _write(path: Path, key: str, packs: list[Pack]) -> None:
    partial = path.with_name(f"{path.name}.{os.getpid()}.tmp")
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        descriptor = os.open(partial, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        with os.fdopen(descriptor, "wb") as file:
            pickle.dump((key, packs), file, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(partial, path)
    except (OSError, pickle.PicklingError):  # a full or read-only disk: parse next time
        partial.unlink(missing_ok=True)
