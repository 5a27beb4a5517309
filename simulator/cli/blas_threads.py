"""One BLAS thread per process, set before numpy loads (``simulator.cli`` imports this first).

The model's arithmetic is elementwise, so BLAS threads never help a command; numpy's and
scipy's OpenBLAS each start one per core at import, which cost a fifth of a CPU-second before
any world ran, and the worker processes would inherit them. Dask's nanny sets the same in
its workers; a user's own value wins. Not OMP_NUM_THREADS: pyarrow sizes its thread pool
for Parquet from it.
"""

import os

VARIABLES = ("OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS")
"""The thread counts set to 1 unless the user set them."""

for _variable in VARIABLES:
    os.environ.setdefault(_variable, "1")
