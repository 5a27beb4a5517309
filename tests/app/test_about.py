"""The About page (simulator/app/about.py), run headless with AppTest: its links open
Explore settings that work, in English and French.
"""

from urllib.parse import parse_qsl

import pytest
from support.apptest import FAST, ok, open_app, page_path

from simulator.model import params


@pytest.mark.slow  # 8-21 s, among make test's slowest: make test-slow (CI) runs it
def test_about_page_links_to_explore_settings_that_work():
    at = open_app(page=page_path("about"))
    assert ok(at)
    assert at.title[0].value == "About the model"
    links = [link.proto for link in at.get("page_link")]
    explore = [link for link in links if link.page == ""]  # the default page
    assert len(explore) >= 3
    assert {link.page for link in links} == {"", "claims"}
    for link in explore:  # each setting opens Explore without a warning
        query = dict(parse_qsl(link.query_string))
        assert query
        linked = open_app({**FAST, **query})
        assert ok(linked) and not linked.warning
        for key, value in query.items():
            if key in params.SCHEMA:
                assert linked.slider(key=key).value == pytest.approx(float(value))
            else:
                assert linked.selectbox(key=key).value == value
    assert "not a forecast" in "\n".join(info.value for info in at.info)


def test_about_page_in_french():
    at = open_app({"lang": "fr"}, page_path("about"))
    assert ok(at)
    assert at.title[0].value == "À propos du modèle"
    assert "n'est pas une prévision" in "\n".join(info.value for info in at.info)
