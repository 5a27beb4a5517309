"""glibc's allocator tuned for the model's large temporaries (on Dask workers)."""


MMAP_THRESHOLD = 32 * 1024 * 1024
"""Bytes from which glibc serves an allocation with mmap on Dask workers (see keep_heap)."""


def keep_heap() -> bool:
    """Serve the model's temporaries from the heap, not fresh mmap pages, in this process.

    Dask's nanny starts workers with ``MALLOC_TRIM_THRESHOLD_=65536``, which also freezes
    glibc's mmap threshold at 128 KiB: every numpy temporary of a chunk at or above it is
    then mapped and unmapped anew (19x the page faults), which made a Dask run of the
    float64 model 1.8-3x slower than local processes. Float32 halved most temporaries, but
    the per-kind and per-option arrays are still above it. Raising the threshold restores
    heap reuse. Returns whether it applied (False off glibc).
    """
    import ctypes

    try:
        libc = ctypes.CDLL("libc.so.6")
        return bool(libc.mallopt(-3, MMAP_THRESHOLD))  # -3: M_MMAP_THRESHOLD
    except (OSError, AttributeError):
        return False
