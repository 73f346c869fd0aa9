"""Finished chunks on disk (Parquet, one file per chunk), for resuming a run.

Each file records a fingerprint of the run (scenario, uncertain numbers, seed,
chunk layout) in its Parquet metadata; a file whose fingerprint differs from the
current run's is ignored, so a store directory never mixes two runs' results.
"""

from __future__ import annotations

import hashlib
import json
import os
from pathlib import Path

import numpy as np

from parley.uncertainty.chunks import ChunkResult, ChunkSpec
from parley.uncertainty.compiled import Compiled

_KEY = b"parley.uncertainty"


def fingerprint(compiled: Compiled, seed: int, samples: int, chunk_size: int) -> str:
    """A hash identifying a Monte Carlo run's inputs."""
    sc = compiled.scenario
    doc = {"scenario": sc.doc.model_dump_json(), "params": [p.to_dict() for p in compiled.params],
           "seed": seed, "samples": samples, "chunk_size": chunk_size,
           "conventions": [compiled.conventions.disagreement, compiled.conventions.ideal]}
    return hashlib.sha256(json.dumps(doc, sort_keys=True).encode()).hexdigest()


class ChunkStore:
    """A directory of finished chunks of one run."""

    def __init__(self, directory: Path | str, run: str, n_proposals: int) -> None:
        self.directory = Path(directory)
        self.run = run
        self.n_proposals = n_proposals
        self.directory.mkdir(parents=True, exist_ok=True)

    def path(self, index: int) -> Path:
        """File of chunk ``index``."""
        return self.directory / f"chunk-{index:06d}.parquet"

    def write(self, result: ChunkResult) -> None:
        """Store a finished chunk (atomically: written aside, then renamed)."""
        import pyarrow as pa  # type: ignore[import-untyped]
        import pyarrow.parquet as pq  # type: ignore[import-untyped]

        table = pa.table(result.columns())
        table = table.replace_schema_metadata({_KEY: self.run.encode()})
        final = self.path(result.index)
        tmp = final.with_suffix(f".tmp{os.getpid()}")
        pq.write_table(table, tmp)
        tmp.replace(final)

    def read(self, spec: ChunkSpec) -> ChunkResult | None:
        """The stored result of ``spec``, or ``None`` if absent, partial or of another run."""
        import pyarrow.parquet as pq

        path = self.path(spec.index)
        if not path.exists():
            return None
        try:
            table = pq.read_table(path)
        except Exception:  # a damaged file is recomputed
            return None
        meta = table.schema.metadata or {}
        if meta.get(_KEY) != self.run.encode():
            return None
        cols = {name: table.column(name).to_numpy() for name in table.column_names}
        sample = np.asarray(cols["sample"])
        if sample.size != spec.stop - spec.start or int(sample[0]) != spec.start:
            return None
        return ChunkResult.from_columns(spec.index, cols, self.n_proposals)
