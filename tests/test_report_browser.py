"""The HTML report in a real browser: headless Chromium driven by Selenium through the system chromedriver.

Needs ``pip install '.[test]'`` (selenium) and Debian's ``chromium`` and
``chromium-driver`` (``.ci/run`` installs them). Nothing is downloaded at run
time: Selenium is given the driver and browser paths, so Selenium Manager is
never asked. Without them the tests skip and say why, except where
``STANCE_REQUIRE_BROWSER`` is set (CI): there a missing browser is an error.
"""
from __future__ import annotations

import json
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

import pytest

from stance import Analyzer, render_report, summarize
from stance.summary import place_statements, read_dates

ROOT = Path(__file__).resolve().parents[1]
ARTICLES = ROOT / "tests" / "fixtures" / "articles"
NAMES = ["steel.txt", "prices.txt", "climate.txt"]
CHROMIUM_FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                  "--disable-background-networking", "--disable-component-update", "--disable-sync",
                  "--window-size=1366,900"]

if not os.environ.get("STANCE_REQUIRE_BROWSER"):
    pytest.importorskip("selenium", reason="selenium is not installed: pip install '.[test]'")
from selenium import webdriver  # noqa: E402
from selenium.webdriver.chrome.service import Service  # noqa: E402
from selenium.webdriver.common.by import By  # noqa: E402
from selenium.webdriver.common.keys import Keys  # noqa: E402
from selenium.webdriver.support.ui import WebDriverWait  # noqa: E402


CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
CHROMEDRIVER = shutil.which("chromedriver")
if not (CHROMIUM and CHROMEDRIVER) and os.environ.get("STANCE_REQUIRE_BROWSER"):  # CI sets it: never skip there
    raise RuntimeError("STANCE_REQUIRE_BROWSER is set but chromium or chromedriver is missing")
if not (CHROMIUM and CHROMEDRIVER):
    pytest.skip("no chromium and chromedriver on PATH: apt-get install chromium chromium-driver",
                allow_module_level=True)


def _start(*, javascript: bool = True):
    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    for flag in CHROMIUM_FLAGS:
        options.add_argument(flag)
    options.add_argument(f"--user-data-dir={tempfile.mkdtemp(prefix='stance-chromium-')}")
    options.set_capability("goog:loggingPrefs", {"performance": "ALL", "browser": "ALL"})
    if not javascript:
        options.add_experimental_option("prefs", {"profile.managed_default_content_settings.javascript": 2})
    return webdriver.Chrome(service=Service(executable_path=CHROMEDRIVER), options=options)


@pytest.fixture(scope="module")
def browser():
    driver = _start()
    yield driver
    driver.quit()


@pytest.fixture(scope="module")
def corpus(tiny_model_path):
    analyzer = Analyzer.load(tiny_model_path)
    names = ["examples/seed_article.txt", *NAMES]
    texts = [(ROOT / names[0]).read_text(encoding="utf-8")] + [(ARTICLES / n).read_text(encoding="utf-8")
                                                               for n in NAMES]
    return analyzer.analyze_many(texts, articles=names), texts


@pytest.fixture(scope="module")
def report_file(corpus, tmp_path_factory):
    results, texts = corpus
    path = tmp_path_factory.mktemp("report") / "report.html"
    path.write_text(render_report(results, texts, dates=read_dates(ARTICLES / "dates.csv")), encoding="utf-8")
    return path


@pytest.fixture
def page(browser, report_file):
    browser.get_log("performance")  # start each test with empty logs
    browser.get_log("browser")
    browser.get(report_file.as_uri())
    return browser


def _requests(driver, document: str) -> list[str]:
    """URLs requested for ``document`` (from Chromium's DevTools log; the browser's own pages left out)."""
    urls = []
    for entry in driver.get_log("performance"):
        message = json.loads(entry["message"])["message"]
        if message["method"] == "Network.requestWillBeSent" and message["params"].get("documentURL") == document:
            urls.append(message["params"]["request"]["url"])
    return urls


def _visible_speakers(driver) -> set[str]:
    return set(driver.execute_script(
        "return [...document.querySelectorAll('#grid .gr')].filter(r => !r.hidden)"
        ".map(r => r.dataset.name);"))


def test_every_statement_is_highlighted_and_no_request_leaves(page, corpus, report_file, tmp_path):
    results, _ = corpus
    for k, result in enumerate(results):
        for n, quote in enumerate(result.quotes, start=1):
            found = page.execute_script(
                "const el = document.getElementById(arguments[0]); if (!el) return null;"
                "const mark = el.closest('mark.st'); if (!mark) return null;"
                "const copy = mark.cloneNode(true); copy.querySelectorAll('.card, sup').forEach(x => x.remove());"
                "return {text: copy.textContent, bg: getComputedStyle(mark).backgroundColor,"
                "        shown: mark.getClientRects().length > 0};", f"a{k}-q{n}")
            assert found is not None, f"statement {n} of {result.article} is not highlighted"
            assert found["shown"] and found["bg"] not in ("rgba(0, 0, 0, 0)", "transparent")
            assert quote.content in found["text"] or found["text"] in quote.content
    # the only request is the file itself (Chromium draws the date inputs' icon from a data: URL)
    assert [u for u in _requests(page, report_file.as_uri()) if not u.startswith("data:")] == [report_file.as_uri()]
    assert page.execute_script("return performance.getEntriesByType('resource').length") == 0
    page.save_screenshot(str(tmp_path / "report.png"))
    assert (tmp_path / "report.png").stat().st_size > 10_000


def test_injected_script_did_not_run(page):
    assert page.execute_script("return window.__pwned === undefined")
    assert page.title == "stance report"
    assert "<script>window.__pwned = 1;" in page.find_element(By.ID, "a3").text
    errors = [e for e in page.get_log("browser") if e["level"] == "SEVERE"]
    assert errors == []  # also: no Content-Security-Policy refusal of the report's own script


def test_topic_filter_hides_the_right_rows(page, corpus):
    results, _ = corpus
    rows = summarize(results)
    everyone = {r.speaker or "(unknown)" for r in rows}
    assert _visible_speakers(page) == everyone
    page.find_element(By.CSS_SELECTOR, "#filters button[data-topic]:not([data-topic=''])")  # the script showed them
    climate = page.find_element(By.XPATH, "//div[@id='filters']//button[normalize-space()='climate']")
    climate.click()
    assert _visible_speakers(page) == {r.speaker for r in rows if r.topic == "climate"}
    shown_columns = page.execute_script(
        "return [...document.querySelectorAll('#grid .gh [data-t]')].filter(t => !t.hidden)"
        ".map(t => t.textContent);")
    assert shown_columns == ["climate"]
    page.find_element(By.XPATH, "//div[@id='filters']//button[normalize-space()='all']").click()
    assert _visible_speakers(page) == everyone


def test_speaker_and_date_filters(page, corpus):
    results, texts = corpus
    box = page.find_element(By.ID, "f-speaker")
    box.send_keys("kow")
    assert _visible_speakers(page) == {"Ana Kowal"}
    box.clear()
    box.send_keys(Keys.BACKSPACE)  # an input event after clear()
    page.execute_script("const f = document.getElementById('f-from'); f.value = '2025-03-04';"
                        "f.dispatchEvent(new Event('change'));")
    placed = place_statements(results, dates=read_dates(ARTICLES / "dates.csv"))
    later = [s for s in placed if s.date and s.date >= "2025-03-04"]
    assert later and len({s.article for s in later}) == 1
    assert _visible_speakers(page) == {s.speaker for s in later}
    kowal_total = page.execute_script(
        "return document.querySelector('#grid .gr[data-name=\"Ana Kowal\"]').dataset.n")
    assert int(kowal_total) == sum(1 for s in later if s.speaker == "Ana Kowal") > 0


def test_sorting_by_statement_count(page):
    header = page.find_element(By.CSS_SELECTOR, "#grid .gh [data-sort='n'] button")
    header.click()
    header.click()  # second click: ascending
    counts = page.execute_script("return [...document.querySelectorAll('#grid .gr')].map(r => +r.dataset.n)")
    assert counts == sorted(counts)
    assert page.find_element(By.CSS_SELECTOR, "#grid .gh [data-sort='n']").get_attribute("aria-sort") == \
        "ascending"


def test_keyboard_focus_opens_the_card_and_n_moves_on(page):
    first = page.find_elements(By.CSS_SELECTOR, "mark.st")[0]
    card = first.find_element(By.CSS_SELECTOR, ".card")
    assert not card.is_displayed()
    page.execute_script("arguments[0].focus()", first)
    assert card.is_displayed() and "rule" in card.text and "stance" in card.text
    page.switch_to.active_element.send_keys("n")
    second = page.find_elements(By.CSS_SELECTOR, "mark.st")[1]
    assert page.switch_to.active_element == second
    assert second.find_element(By.CSS_SELECTOR, ".card").is_displayed()


def test_links_lead_from_the_grid_to_the_article_and_back(page):
    page.find_element(By.CSS_SELECTOR, "#grid .cell a").click()
    assert page.execute_script("return location.hash").startswith("#sp")
    page.find_element(By.CSS_SELECTOR, "section.speaker li a").click()
    target = page.execute_script("return document.querySelector(':target').tagName")
    assert target.lower() in ("mark", "span")


def test_works_without_javascript(report_file, corpus):
    results, _ = corpus
    driver = _start(javascript=False)
    try:
        driver.get(report_file.as_uri())
        assert driver.find_element(By.ID, "f-status").get_attribute("textContent") == ""  # the script did not run
        assert not driver.find_element(By.ID, "filters").is_displayed()
        rows = driver.find_elements(By.CSS_SELECTOR, "#grid .gr")
        assert len(rows) == len({r.speaker for r in summarize(results)})
        marks = driver.find_elements(By.CSS_SELECTOR, "mark.st")
        assert len(marks) == sum(len(r.quotes) for r in results)
        card = marks[0].find_element(By.CSS_SELECTOR, ".card")
        assert not card.is_displayed()
        marks[0].location_once_scrolled_into_view  # noqa: B018 (scrolls; the sections above settle their size)
        webdriver.ActionChains(driver).move_to_element(marks[0]).perform()
        assert card.is_displayed()  # CSS :hover, no script
        webdriver.ActionChains(driver).move_to_element(driver.find_element(By.TAG_NAME, "h1")).perform()
        assert not card.is_displayed()
        marks[1].click()  # focus (tabindex=0) opens the card too
        assert marks[1].find_element(By.CSS_SELECTOR, ".card").is_displayed()
    finally:
        driver.quit()


def test_service_page_in_the_browser(browser, tiny_model_path, tmp_path):
    """`stance serve`: paste an article at /, submit, see it highlighted (the form post is allowed by the CSP)."""
    pytest.importorskip("uvicorn")
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    server = subprocess.Popen([sys.executable, "-m", "stance", "serve", "--model", str(tiny_model_path),
                               "--port", str(port)], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                urllib.request.urlopen(f"http://127.0.0.1:{port}/healthz", timeout=2).read()
                break
            except OSError:
                if time.monotonic() > deadline or server.poll() is not None:
                    pytest.fail("stance serve did not start")
                time.sleep(0.2)
        browser.get(f"http://127.0.0.1:{port}/")
        text = (ARTICLES / "climate.txt").read_text(encoding="utf-8")
        browser.execute_script("arguments[0].value = arguments[1]", browser.find_element(By.ID, "text"), text)
        browser.find_element(By.CSS_SELECTOR, "form.paste button").click()
        WebDriverWait(browser, 30).until(lambda d: d.find_elements(By.CSS_SELECTOR, "mark.st"))
        assert len(browser.find_elements(By.CSS_SELECTOR, "mark.st")) == 2
        assert browser.execute_script("return window.__pwned === undefined")
        errors = [e for e in browser.get_log("browser") if e["level"] == "SEVERE" and "favicon" not in e["message"]]
        assert errors == []  # (the browser asks the service for /favicon.ico, which it does not have)
        browser.save_screenshot(str(tmp_path / "service.png"))
    finally:
        server.terminate()
        server.wait(timeout=30)
