"""A real browser (Debian chromium via Playwright) using the Gradio UI served with the API."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from server.loopback import serve_in_thread
from tests.conftest import api_settings

CHROMIUM = Path("/usr/bin/chromium")
# Debian's chromium as root, offline: no sandbox, no background calls to the closed network
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run"]


def launch(pw):
    return pw.chromium.launch(executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS)
pytestmark = [pytest.mark.browser, pytest.mark.slow]
LEAD_COPY = Path("/work/notes/ui.png")  # for a person to look at; skipped where absent


@pytest.mark.skipif(not CHROMIUM.exists(), reason="Debian chromium is not installed at "
                    "/usr/bin/chromium (apt-get install -y chromium)")
def test_chat_cards_like_remove_and_catalogue_switch(movie_assistant, off_settings, tmp_path):
    from playwright.sync_api import expect, sync_playwright

    from server.serve import create_app

    settings = api_settings(off_settings, session_db=tmp_path / "ui.db")
    app = create_app(settings, ("movies", "retail"), factory=lambda name: movie_assistant)
    shot = tmp_path / "ui.png"
    with serve_in_thread(app) as url, sync_playwright() as pw:
        browser = launch(pw)
        try:
            page = browser.new_page(viewport={"width": 1280, "height": 1000})
            page.goto(url + "/", wait_until="domcontentloaded")  # the queue stream never idles
            expect(page.locator("#message textarea")).to_be_visible(timeout=60_000)
            page.locator("#message textarea").fill("I loved Inception and The Matrix")
            page.locator("#send").click()
            cards = page.locator(".card")
            expect(cards).to_have_count(5, timeout=60_000)
            assert page.locator(".card .why").first.inner_text().strip()
            liked = page.locator("#liked")
            expect(liked).to_contain_text("Inception")
            before = liked.inner_text()
            title = cards.first.locator("h4").inner_text().strip()
            page.locator("button.like-button").first.click()
            expect(liked).to_contain_text(title, timeout=30_000)
            assert liked.inner_text() != before
            page.screenshot(path=str(shot), full_page=True)
            # remove an entry from the panel: pick it in the dropdown, press Remove
            page.locator("#remove-entry input").click()
            page.get_by_role("option", name=re.compile(r"^liked: Inception")).click()
            page.locator("#remove").click()
            expect(liked).not_to_contain_text("Inception", timeout=30_000)
            expect(liked).to_contain_text(title)
            # switch catalogue: the gift shop's examples replace the movie ones, panel resets
            page.get_by_label("Gift shop").check()
            expect(page.locator("#understood")).to_contain_text("Nothing yet", timeout=30_000)
            expect(page.get_by_text("Christmas decorations for a party")).to_be_visible()
            expect(cards).to_have_count(0)
        finally:
            browser.close()
    assert shot.stat().st_size > 10_000
    if LEAD_COPY.parent.is_dir():
        shutil.copy(shot, LEAD_COPY)


@pytest.mark.skipif(not CHROMIUM.exists(), reason="Debian chromium is not installed at "
                    "/usr/bin/chromium (apt-get install -y chromium)")
def test_cards_come_at_once_and_are_refined_in_place(movie_assistant, off_settings, tmp_path):
    """Phase 1's cards show while the LLM is held (so they cannot have waited for it), with a
    visible "refining" state; when the LLM answers, phase 2's cards replace them in place."""
    from playwright.sync_api import expect, sync_playwright

    from server.serve import create_app
    from tests.llm_doubles import SchemaModel
    from tests.test_api_phases import with_llm

    llm = SchemaModel(reason="Both are Science Fiction films starring Sigourney Weaver")
    assistant = with_llm(movie_assistant, llm)
    settings = api_settings(off_settings, session_db=tmp_path / "ui.db")
    app = create_app(settings, ("movies",), factory=lambda name: assistant)
    llm.hold()
    try:
        with serve_in_thread(app) as url, sync_playwright() as pw:
            browser = launch(pw)
            try:
                page = browser.new_page(viewport={"width": 1280, "height": 1000})
                page.goto(url + "/", wait_until="domcontentloaded")
                expect(page.locator("#message textarea")).to_be_visible(timeout=60_000)
                page.locator("#message textarea").fill("I loved Alien and Aliens")
                page.locator("#send").click()
                first = page.locator('.card[data-phase="1"]')
                expect(first).to_have_count(5, timeout=60_000)
                state = page.locator("#phase-state")
                expect(state).to_have_attribute("data-state", "refining")
                assert llm.calls == []  # the cards came while the LLM had not answered
                phase1_titles = first.locator("h4").all_inner_texts()
                llm.release()
                refined = page.locator('.card[data-phase="2"]')
                expect(refined).to_have_count(5, timeout=60_000)
                expect(state).to_have_attribute("data-state", "refined")
                expect(page.locator('.card[data-phase="1"]')).to_have_count(0)
                assert refined.locator("h4").all_inner_texts() != phase1_titles
                expect(page.locator(".card img.poster").first).to_have_attribute(
                    "src", re.compile(r"^https://upload\.wikimedia\.org/"))
                expect(page.locator("#constraints")).to_have_text("—")
            finally:
                browser.close()
    finally:
        llm.release()
