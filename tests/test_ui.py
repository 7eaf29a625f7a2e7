"""The UI's words: constraints as a person says them, cards with the data they carry."""

from __future__ import annotations

from core.types import HardFilters, Recommendation
from server.ui import card_html, understood_html
from tests.conftest import make_assistant, make_catalog


def test_constraints_read_as_words_not_a_python_tuple():
    assistant = make_assistant(make_catalog())
    words = assistant.describe_filters(HardFilters(genres=("Science Fiction", "Mystery"),
                                                   exclude_genres=("Horror",), price_max=5))
    view = {"liked": [], "disliked": [], "seen": []}
    panel = understood_html(view, words)
    assert "in Science Fiction or Mystery, no Horror, at most £5.00" in panel
    assert "(" not in panel and "genres:" not in panel


def test_year_bounds_read_as_the_person_said_them():
    assistant = make_assistant(make_catalog())
    said = {HardFilters(year_max=1989): "before 1990", HardFilters(year_min=2011): "from 2011 on",
            HardFilters(year_min=1990, year_max=1999): "from 1990 to 1999",
            HardFilters(year_min=2017, year_max=2017): "in 2017"}
    for filters, words in said.items():
        assert assistant.describe_filters(filters) == words


def test_card_shows_poster_price_and_escapes_text():
    rec = Recommendation(item_id=3, title="<b>Tea</b> set", score=1.0, explanation="x & y",
                         price=4.5, currency="GBP", genres=["kitchen"],
                         image_url="https://upload.wikimedia.org/a.jpg")
    card = card_html(rec, 2)
    assert 'data-phase="2"' in card and "£4.50 · kitchen" in card
    assert '<img class="poster" src="https://upload.wikimedia.org/a.jpg"' in card
    assert "<b>" not in card and "&lt;b&gt;" in card and "x &amp; y" in card
    assert "<img" not in card_html(rec.model_copy(update={"image_url": None}), 1)


def test_someone_elses_like_is_said_as_theirs():
    view = {"liked": [{"item_id": 1, "title": "Up (2009)", "liked_by": "your sister"},
                      {"item_id": 2, "title": "Heat (1995)", "liked_by": None}],
            "disliked": [], "seen": []}
    panel = understood_html(view, "")
    assert "Up (2009) (your sister), Heat (1995)</span>" in panel
