"""Streamlit entry point: `streamlit run app.py` (or `make app`; installed: `escalation-sim app`).

The app lives in ``simulator/app/``: ``main.py`` sets up the page, the language switch and the
navigation; each page is one module there.
"""

from simulator.app.main import main

main()
