"""Near-duplicate messages across a campaign: word shingles, MinHash and LSH banding.

Two filled messages are near-duplicates when the Jaccard similarity of their word 3-shingles
(names and company taken out, case folded) is at least ``THRESHOLD`` (0.5): the same template
whose fills differ ("your post on thin clients" / "your post on zero trust"), or a note
copied and lightly edited. Each message gets a MinHash signature of ``PERMUTATIONS`` (32)
32-bit values; rows whose signatures agree on a whole band of ``BAND_ROWS`` (4) values are
candidates (with 8 bands a pair at similarity 0.5 is caught 40% of the time per pair, and
far more often through the other members of its cluster; at 0.7, 89%), and a candidate joins
a cluster only when its estimated similarity to the band's first member reaches the
threshold. Signatures are kept in one compact array (128 bytes a message), so memory grows
by that much per row and nothing else is held.
"""

from __future__ import annotations

import hashlib
from array import array

THRESHOLD = 0.5
PERMUTATIONS = 32
BAND_ROWS = 4
SHINGLE_WORDS = 3
MIN_SIZE = 3


def _parameters() -> tuple[list[int], list[int]]:
    """Fixed odd multipliers and offsets: h(x) = top 32 bits of (a*x + b) mod 2**64."""

    def number(label: str, index: int) -> int:
        digest = hashlib.blake2b(f"coach-minhash-{label}-{index}".encode(), digest_size=8)
        return int.from_bytes(digest.digest(), "big")

    a = [number("a", i) | 1 for i in range(PERMUTATIONS)]
    b = [number("b", i) for i in range(PERMUTATIONS)]
    return a, b


class NearDuplicates:
    """Collects one signature per message, then clusters them all at once."""

    def __init__(self) -> None:
        self._signatures = array("I")
        self._count = 0
        self._a, self._b = _parameters()
        import numpy as np  # here, not at import: `coach check` never needs it

        self._np_a = np.asarray(self._a, dtype=np.uint64)
        self._np_b = np.asarray(self._b, dtype=np.uint64)

    def add(self, key_text: str) -> int:
        """Add a message (its template key) and return its index."""
        self._signatures.extend(self.signature(key_text))
        self._count += 1
        return self._count - 1

    def signature(self, text: str) -> list[int]:
        words = text.split()
        if len(words) < SHINGLE_WORDS:
            words = [*words, *([""] * (SHINGLE_WORDS - len(words)))]
        hashes = {
            int.from_bytes(
                hashlib.blake2b(
                    " ".join(words[i : i + SHINGLE_WORDS]).encode("utf-8", "surrogatepass"),
                    digest_size=8,
                ).digest(),
                "big",
            )
            for i in range(len(words) - SHINGLE_WORDS + 1)
        }
        import numpy as np

        values = np.fromiter(hashes, dtype=np.uint64, count=len(hashes))
        mixed = values[:, None] * self._np_a[None, :] + self._np_b[None, :]  # wraps mod 2**64
        return (mixed >> np.uint64(32)).min(axis=0).astype(np.uint32).tolist()

    def clusters(self) -> dict[int, int]:
        """Message index -> cluster root, for messages in a cluster of ``MIN_SIZE`` or more."""
        import numpy as np

        if self._count < MIN_SIZE:
            return {}
        return cluster_signatures(
            np.frombuffer(self._signatures, dtype=np.uint32).reshape(self._count, -1)
        )


def cluster_signatures(signatures) -> dict[int, int]:
    """Row index -> cluster root for a (rows x PERMUTATIONS) uint32 matrix of signatures,
    for rows in a cluster of ``MIN_SIZE`` or more (also over signatures gathered from many
    partitions, in campaign order)."""
    import numpy as np

    count = len(signatures)
    if count < MIN_SIZE:
        return {}
    parent = list(range(count))

    def root(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    for start in range(0, PERMUTATIONS, BAND_ROWS):
        band = np.ascontiguousarray(signatures[:, start : start + BAND_ROWS])
        keys = band.view(np.dtype((np.void, band.dtype.itemsize * BAND_ROWS))).ravel()
        _, first, inverse, counts = np.unique(
            keys, return_index=True, return_inverse=True, return_counts=True
        )
        shared = np.nonzero(counts[inverse] > 1)[0]
        if not len(shared):
            continue
        leaders = first[inverse[shared]]
        close = (signatures[shared] == signatures[leaders]).mean(axis=1) >= THRESHOLD
        for index, leader in zip(shared[close].tolist(), leaders[close].tolist(), strict=True):
            if index != leader:
                parent[root(index)] = root(leader)
    roots = [root(i) for i in range(count)]
    sizes: dict[int, int] = {}
    for r in roots:
        sizes[r] = sizes.get(r, 0) + 1
    return {i: r for i, r in enumerate(roots) if sizes[r] >= MIN_SIZE}
