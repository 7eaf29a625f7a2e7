"""How many threads the numeric libraries of a serving process may use.

A chat turn is many small operations (a 6-layer encoder on a few tokens, a few hundred vectors
scored). Intra-op thread pools (torch, FAISS's OpenMP, numpy's OpenBLAS) mostly spin and wake up
on work that small, so a serving process runs each turn on one thread and gets its parallelism
from concurrent turns. Measured with `because bench api`: torch 2 threads made a turn slower
(14.2 vs 10.5 ms) and OpenBLAS's second thread added 50% CPU per turn for nothing.
"""

from __future__ import annotations


def limit_threads(n: int) -> None:
    """Cap torch, FAISS (OpenMP) and BLAS thread pools of this process at `n` threads."""
    import faiss
    import threadpoolctl
    import torch

    torch.set_num_threads(n)
    faiss.omp_set_num_threads(n)
    threadpoolctl.threadpool_limits(n)
