"""The script Streamlit runs for an installed copy (``python -m simulator.app``)."""

from simulator.app.main import main

main()
