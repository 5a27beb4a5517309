"""Which modules a piece of code loads, asked of a fresh interpreter.

Start-up cost is the modules a command imports: these tests pin what stays out (Mesa for
reading results, scipy.stats for a plain run, ...). Only a fresh process can tell, since
the test session itself has imported everything.
"""

import json
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]

_REPORT = """
import json as _json, sys as _sys
print(_json.dumps(sorted(
    name for name, module in list(_sys.modules.items())
    if any(name == prefix or name.startswith(prefix + ".") for prefix in {prefixes!r})
    and type(module).__name__ == "module" and hasattr(module, "__file__"))))
"""


def loaded_after(code: str, *prefixes: str, timeout: float = 300) -> list[str]:
    """The modules under ``prefixes`` (a package and its submodules) that ``code`` loads.

    ``code`` runs in a new interpreter at the repo root; a lazy module (a placeholder not yet
    executed) does not count. What ``code`` prints goes before the report and is ignored.
    """
    script = code + "\n" + _REPORT.format(prefixes=prefixes)
    found = subprocess.run([sys.executable, "-c", script], cwd=ROOT, capture_output=True,
                           text=True, timeout=timeout)
    assert found.returncode == 0, found.stderr
    return json.loads(found.stdout.strip().splitlines()[-1])
