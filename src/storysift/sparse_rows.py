"""A page's hashed-token rows in compressed sparse row form, without SciPy: what the predict-only path
(`frozen`) reads. Importing SciPy (scipy.sparse and scipy.special) costs a process about 0.3 s, more than
reading the model: a process that only cleans pages needs from it no more than the product of these rows
with the linear heads' coefficients, which the compiled core computes in SciPy's own order (the same bits).
Training and the estimator read SciPy's matrix (`tocsr`)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np

from . import accel


@dataclass
class SparseRows:
    """Rows i's columns indices[indptr[i]:indptr[i + 1]] (sorted, distinct) and their values in data: the
    arrays of a canonical CSR matrix of the given shape."""

    indptr: np.ndarray
    indices: np.ndarray
    data: np.ndarray
    shape: tuple[int, int]

    @property
    def nnz(self) -> int:
        return len(self.data)

    def tocsr(self) -> Any:
        """The same matrix as SciPy's csr_matrix."""
        from scipy import sparse

        matrix = sparse.csr_matrix((self.data, self.indices, self.indptr), shape=self.shape)
        matrix.has_canonical_format = True  # columns sorted and distinct within each row
        return matrix

    def __matmul__(self, dense: np.ndarray) -> np.ndarray:
        """self @ dense as SciPy computes it (float64), by the compiled core (SciPy where it is off)."""
        dense = np.asarray(dense)
        if dense.ndim != 2 or dense.shape[0] != self.shape[1]:
            raise ValueError(f"cannot multiply {self.shape} rows by a {dense.shape} matrix")
        core = accel.speedups()
        if core is None:
            return np.asarray(self.tocsr() @ dense)
        out = np.zeros((self.shape[0], dense.shape[1]))
        core.csr_dense_product(
            self.indptr.astype(np.int32, copy=False),
            self.indices.astype(np.int32, copy=False),
            self.data.astype(np.float64, copy=False),
            np.ascontiguousarray(dense, dtype=np.float64),
            out,
        )
        return out
