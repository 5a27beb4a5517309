"""Write docs/ROLE_CARDS.md from scenarios/roles.yaml, the claims and the experts' presets.

    python scripts/role_cards.py          # rewrite docs/ROLE_CARDS.md
    python scripts/role_cards.py --check  # exit 1 if it is out of date

tests/workshop/test_workshop_layout.py fails while the committed file differs from this output.
"""

import argparse
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from simulator.workshop import roles  # noqa: E402

TARGET = ROOT / "docs" / "ROLE_CARDS.md"


def main() -> int:
    """Write (or, with --check, compare) the file; 1 if --check finds it out of date."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="only say whether it is current")
    text = roles.cards()
    if parser.parse_args().check:
        current = TARGET.is_file() and TARGET.read_text(encoding="utf-8") == text
        print(f"{TARGET.relative_to(ROOT)} is {'current' if current else 'out of date'}")
        return 0 if current else 1
    TARGET.write_text(text, encoding="utf-8")
    print(f"wrote {TARGET.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
