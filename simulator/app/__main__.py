"""``python -m simulator.app [streamlit options]``: the app of an installed copy (``.[app]``).

Runs ``streamlit run`` on the packaged script with the settings the checkout keeps in
``.streamlit/config.toml`` (which an installed copy does not have); options given after the
module name win, e.g. ``--server.address 0.0.0.0 --server.port 8600``.
"""

import sys
from pathlib import Path

SETTINGS = ("--server.headless=true", "--browser.gatherUsageStats=false",
            "--server.address=127.0.0.1", "--server.fileWatcherType=none",
            "--runner.postScriptGC=false", "--client.toolbarMode=minimal",
            "--client.showErrorDetails=none")


def main(argv: list[str] | None = None) -> None:
    """Start Streamlit on the packaged app script, the checkout's settings first."""
    from streamlit.web import cli

    script = Path(__file__).resolve().with_name("streamlit_app.py")
    sys.argv = ["streamlit", "run", str(script), *SETTINGS, *(sys.argv[1:] if argv is None
                                                             else argv)]
    sys.exit(cli.main())


if __name__ == "__main__":
    main()
