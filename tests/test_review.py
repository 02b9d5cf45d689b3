"""The review page: its JSON API (fast, no browser) and one end-to-end run in headless Chromium."""

import gzip
import json
import os
import shutil
import threading
import urllib.error
import urllib.request
from pathlib import Path

import pytest

from storysift import Extractor
from storysift.errors import UsageError
from storysift.gold.labeled import read_labeled_page
from storysift.review.server import make_server
from storysift.review.session import ReviewSession, find_items

PAGE = """<!DOCTYPE html><html><head><title>Ferry</title><script>alert(1)</script></head><body>
<nav id="menu"><ul><li><a href="/">Home</a></li><li><a href="/news">News</a></li></ul></nav>
<article id="story"><h1>Harbour ramp rebuilt</h1>
<p>The harbour ramp damaged in January has been rebuilt, and the first crossing left on Monday morning.</p>
<p>Islanders had waited three months for the ferry to return to its old timetable after the storm.</p></article>
<section id="comments"><h3>Leave a Reply</h3>
<div class="c"><p>Mary says</p><p>Finally! We missed the Monday boat all winter long.</p></div>
<div class="c"><p>Tom says</p><p>Great news for the school run.</p></div></section>
<footer><p>&copy; 2026 Coastline Herald. All rights reserved.</p></footer>
</body></html>"""


@pytest.fixture()
def served(tmp_path):
    """A review server over one page of ours, in a thread; yields (base URL, labels folder, page file)."""
    pages = tmp_path / "pages"
    pages.mkdir()
    (pages / "ferry.html").write_text(PAGE, encoding="utf-8")
    labels = tmp_path / "labels"
    session = ReviewSession(find_items([pages], labels), Extractor.load())
    server = make_server(session)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    host, port = server.server_address[:2]
    yield f"http://{host}:{port}", labels, pages / "ferry.html"
    server.shutdown()
    server.server_close()


def get(url: str):
    with urllib.request.urlopen(url, timeout=30) as res:
        return json.loads(res.read())


def post(url: str, body: dict):
    req = urllib.request.Request(url, json.dumps(body).encode(), {"Content-Type": "application/json"})
    with urllib.request.urlopen(req, timeout=30) as res:
        return json.loads(res.read())


def test_api_lists_serves_and_saves(served):
    base, labels, _ = served
    assert get(base + "/api/pages") == {"pages": [{"name": "ferry.html", "reviewed": False}], "reviewed": 0, "total": 1}
    page = get(base + "/api/page/0")
    texts = [b["text"] for b in page["blocks"]]
    assert texts[0] == "Home" and "Leave a Reply" in texts and not page["saved"]
    assert all(0.0 <= b["p_story"] <= 1.0 and b["xpath"].startswith("/html/body") for b in page["blocks"])
    wanted = ["nav"] * 2 + ["story"] * 3 + ["comment"] * 5 + ["disclaimer"]
    assert len(wanted) == len(texts)
    result = post(base + "/api/page/0", {"labels": wanted})
    assert result["reviewed"] == 1 and Path(result["saved"]) == labels / "ferry.html"
    assert [b.gold for b in read_labeled_page(labels / "ferry.html").blocks] == wanted
    again = get(base + "/api/page/0")
    assert again["saved"] and [b["label"] for b in again["blocks"]] == wanted


def test_api_refuses_bad_requests(served):
    base, labels, _ = served
    with pytest.raises(urllib.error.HTTPError) as err:
        post(base + "/api/page/0", {"labels": ["story"]})
    assert err.value.code == 400 and not (labels / "ferry.html").exists()
    with pytest.raises(urllib.error.HTTPError) as err:
        get(base + "/api/page/7")
    assert err.value.code == 404
    with urllib.request.urlopen(base + "/source/0", timeout=30) as res:
        source = res.read().decode()
        assert "alert(1)" not in source and "Harbour ramp" in source
        assert "script-src 'none'" in res.headers["Content-Security-Policy"]


def test_corpus_pages_are_saved_as_sidecars(tmp_path):
    corpus = tmp_path / "corpora" / "mini"
    (corpus / "html").mkdir(parents=True)
    (corpus / "html" / "p1.html.gz").write_bytes(gzip.compress(PAGE.encode()))
    record = {"html": "html/p1.html.gz", "url": "https://example.org/ferry", "text": None}
    (corpus / "ground_truth.json.gz").write_bytes(gzip.compress(json.dumps({"p1": record}).encode()))
    session = ReviewSession(find_items([corpus], tmp_path / "labels"), Extractor.load(), tmp_path / "corpora")
    labels = [b["label"] for b in session.page(0)["blocks"]]
    labels[-1] = "disclaimer"
    path = session.save(0, labels)
    assert path == tmp_path / "labels" / "mini" / "p1.labels.json"
    assert "Harbour" not in path.read_text(encoding="utf-8")
    assert [b.gold for b in read_labeled_page(path, tmp_path / "corpora").blocks] == labels
    assert session.page(0)["saved"]


def test_nothing_to_review_is_a_usage_error(tmp_path):
    with pytest.raises(UsageError, match="no pages"):
        find_items([tmp_path], tmp_path / "labels")
    with pytest.raises(UsageError, match="no such file"):
        find_items([tmp_path / "nope"], tmp_path / "labels")


def _chrome():
    """A headless Chromium driver, or a skip when Chromium, its driver or selenium is missing (a failure
    where STORYSIFT_REQUIRE_BROWSER is set, as .ci/run sets it)."""
    binary, driver = shutil.which("chromium"), shutil.which("chromedriver")
    if os.environ.get("STORYSIFT_REQUIRE_BROWSER"):
        assert binary and driver, "chromium and chromium-driver are required (STORYSIFT_REQUIRE_BROWSER)"
        from selenium import webdriver
    else:
        webdriver = pytest.importorskip("selenium.webdriver")
        if not binary or not driver:
            pytest.skip("chromium and chromium-driver are not installed")
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    options.binary_location = binary
    for arg in ("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--window-size=1400,900"):
        options.add_argument(arg)
    return webdriver.Chrome(service=Service(driver), options=options)


def test_review_page_in_headless_chromium(served):
    """Load, relabel one block (key) and one container (its crumb, then a key), save, reload: the saved file
    holds exactly those labels, and the reloaded page shows them."""
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support.ui import WebDriverWait

    base, labels, _ = served
    browser = _chrome()
    try:
        wait = WebDriverWait(browser, 30)
        browser.get(base + "/")
        wait.until(lambda b: b.find_element(By.TAG_NAME, "body").get_attribute("data-loaded") == "0")
        blocks = browser.find_elements(By.CSS_SELECTOR, ".block")
        start = [b.get_attribute("data-label") for b in blocks]
        texts = [b.find_elements(By.TAG_NAME, "div")[1].text for b in blocks]
        assert texts[0] == "Home" and "0 of 1 pages reviewed" in browser.find_element(By.ID, "progress").text
        footer = texts.index("© 2026 Coastline Herald. All rights reserved.")
        browser.find_element(By.ID, f"b{footer}").click()
        browser.find_element(By.TAG_NAME, "body").send_keys("d")
        mary = texts.index("Mary says")
        browser.find_element(By.ID, f"b{mary}").click()
        browser.find_element(By.CSS_SELECTOR, '#crumbs a[data-prefix="/html/body/section"]').click()
        browser.find_element(By.TAG_NAME, "body").send_keys("c")
        expected = list(start)
        expected[footer] = "disclaimer"
        first = texts.index("Leave a Reply")
        expected[first : first + 5] = ["comment"] * 5
        shown = [b.get_attribute("data-label") for b in browser.find_elements(By.CSS_SELECTOR, ".block")]
        assert shown == expected
        browser.find_element(By.ID, "save").click()
        wait.until(lambda b: "1 of 1 pages reviewed" in b.find_element(By.ID, "progress").text)
        assert [b.gold for b in read_labeled_page(labels / "ferry.html").blocks] == expected
        browser.refresh()
        wait.until(lambda b: b.find_element(By.TAG_NAME, "body").get_attribute("data-loaded") == "0")
        assert [b.get_attribute("data-label") for b in browser.find_elements(By.CSS_SELECTOR, ".block")] == expected
    finally:
        browser.quit()
