"""Site adaptation: a site's layout learned from a few labeled pages, other sites left as they were."""

import hashlib
import json

import numpy as np
import pytest

import storysift
from storysift.adapt import AdaptedClassifier, SiteAdapter, place
from storysift.blocks import LABELS
from storysift.cli import main

BODY = (
    "The council met on Monday to decide on the new bus lanes, after months of debate in the city and a "
    "petition signed by more than four thousand people who use the buses every day."
)


def site_page(n: int, labeled: bool = False) -> str:
    """A page of one site whose comments sit in div.reader-notes: a layout the model does not know."""

    def lab(label: str) -> str:
        return f' data-label="{label}"' if labeled else ""

    return (
        f"<html><body{lab('nav')}><nav class='menu'><a href='/'>Home</a> <a href='/n'>News</a></nav>"
        f"<article class='story-body'{lab('story')}><h1>Bus lanes, part {n}</h1><p>{BODY}</p><p>{BODY}</p></article>"
        f"<div class='reader-notes'{lab('comment')}>"
        + "".join(
            f"<div class='note note-{n}{i}'><p>I take the number {i} bus every morning and the new lanes will "
            f"save me at least ten minutes each way, which matters a lot with two children at school.</p></div>"
            for i in range(3)
        )
        + "</div><footer class='legal'><p>Copyright 2026 City News</p></footer></body></html>"
    )


def other_site_page() -> str:
    return (
        "<html><body><div id='top'><a href='/'>Start</a></div><main><h2>Harbour works finish early</h2>"
        f"<p>{BODY}</p></main><section class='responses'><p>Great news for the harbour, finally!</p></section>"
        "</body></html>"
    )


def test_place_blurs_digits_and_ignores_outer_containers():
    page = storysift.Extractor.load().segment(site_page(1))
    notes = [b for b in page.blocks if "bus every morning" in b.text]
    assert len({place(b) for b in notes}) == 1  # note-10, note-11, note-12: one place
    assert place(storysift.Extractor.load().segment("First paragraph.\n\nSecond.", kind="text").blocks[0]) is None


def test_place_leaves_out_a_url_in_an_id(extractor):
    def comments_of(url: str, wrapper: str = "thread") -> str:
        html = f"<html><body><div class='{wrapper}' id='{url}'><p>Reader comments are loading.</p></div></body></html>"
        return place(extractor.segment(html).blocks[0])

    one = comments_of("http://example.com/2012/08/bus-lanes.html")
    assert one == comments_of("https://www.example.com/2011/11/harbour-works.html")  # the page's own URL
    assert one != comments_of("http://example.com/2012/08/bus-lanes.html", wrapper="notes")
    assert comments_of("main-http://example.com/a") != comments_of("side-http://example.com/a")  # words before


def test_adapter_learns_a_place_and_leaves_other_sites_alone(extractor):
    train = extractor.segment(site_page(1))
    labels = ["comment" if "bus every morning" in b.text else "story" for b in train.blocks]
    adapter = SiteAdapter().fit([train], [labels])
    test = extractor.segment(site_page(2))
    base = np.full((len(test.blocks), 4), 0.25)
    base[:, 0] = 0.7
    base[:, 1:] = 0.1
    adjusted = adapter.adjust(test, base)
    for block, row in zip(test.blocks, adjusted):
        if "bus every morning" in block.text:
            assert LABELS[int(np.argmax(row))] == "comment"
    assert np.allclose(adjusted.sum(axis=1), 1.0)
    other = extractor.segment(other_site_page())
    base_other = np.full((len(other.blocks), 4), 0.25)
    assert np.array_equal(adapter.adjust(other, base_other), base_other)  # not the site: untouched


def footer_page(n: int) -> str:
    """A page of one site whose footer list mixes nav links, legal links and the copyright line in one place."""
    return (
        f"<html><body><article class='story-body'><h1>Bus lanes, part {n}</h1><p>{BODY}</p></article>"
        "<footer><ul class='links'><li><a href='/map'>Sitemap</a></li><li><a href='/help'>Help</a></li>"
        "<li><a href='/privacy'>Privacy Policy</a></li><li><a href='/terms'>Terms of Use</a></li>"
        f"<li>Copyright 20{10 + n} City News</li></ul></footer></body></html>"
    )


def test_adapter_remembers_recurring_lines_where_a_place_mixes_labels(extractor):
    train = extractor.segment(footer_page(1))
    legal = {"Privacy Policy", "Terms of Use", "Copyright 2011 City News"}
    labels = [
        "disclaimer" if b.text in legal else "nav" if b.text in {"Sitemap", "Help"} else "story" for b in train.blocks
    ]
    adapter = SiteAdapter(prior=0.0).fit([train], [labels])
    footer = {place(b) for b in train.blocks if b.text in legal | {"Sitemap", "Help"}}
    assert len(footer) == 1 and footer.pop() not in adapter.memory_  # one place, too mixed to be used
    test = extractor.segment(footer_page(2))
    base = np.tile([0.7, 0.1, 0.1, 0.1], (len(test.blocks), 1))
    got = {b.text: LABELS[int(np.argmax(row))] for b, row in zip(test.blocks, adapter.adjust(test, base))}
    assert got["Privacy Policy"] == got["Terms of Use"] == "disclaimer"
    assert got["Sitemap"] == got["Help"] == "nav"
    assert got["Copyright 2012 City News"] == "disclaimer"  # digits blurred: the same line another year


def blog_page(title: str, paragraphs: list[str], comments: list[str]) -> str:
    """A page of an old blog whose readers' comments sit in the same p.story as the article, after a heading."""
    article = "".join(f"<p class='story'>{text}</p>" for text in paragraphs)
    thread = "".join(f"<p class='story'>{text}</p>" for text in comments)
    return f"<html><body><h1 class='title'>{title}</h1>{article}<div class='yvhd'>Comments</div>{thread}</body></html>"


def test_adapter_tells_a_places_sections_by_the_label_before_them(extractor):
    article = [f"{day}: {BODY}" for day in ("Monday", "Tuesday", "Wednesday", "Thursday")]
    train = extractor.segment(blog_page("Bus lanes", article, ["There are no comments yet."]))
    labels = ["comment" if b.text in {"Comments", "There are no comments yet."} else "story" for b in train.blocks]
    adapter = SiteAdapter(prior=0.0).fit([train], [labels])
    paragraph = {place(b) for b in train.blocks if b.text == article[0]}.pop()
    assert adapter.memory_[paragraph][0] == LABELS.index("story")  # the place alone says story (4 of 5)
    other_article = [f"{month}: {BODY}" for month in ("May", "June")]
    thread = ["I disagree with every word.", "So do I, and I said so twice."]
    test = extractor.segment(blog_page("Harbour works", other_article, thread))
    base = np.tile([0.7, 0.1, 0.1, 0.1], (len(test.blocks), 1))
    got = {b.text: LABELS[int(np.argmax(row))] for b, row in zip(test.blocks, adapter.adjust(test, base))}
    assert [got[text] for text in other_article] == ["story", "story"]
    assert [got[text] for text in ["Comments", *thread]] == ["comment"] * 3


def posted_page(author: str, paragraphs: int, tag: str) -> str:
    """A page of an old blog whose byline and tag line share one place (p.posted), above and below the body."""
    body = "".join(f"<p class='entry'>{BODY}</p>" for _ in range(paragraphs))
    return (
        f"<html><body><div class='post'><h1>Bus lanes</h1><p class='posted'>By {author} | 10:00 AM ET</p>"
        f"{body}<p class='posted'>Tags: {tag}</p></div></body></html>"
    )


def test_adapter_tells_lines_of_one_place_apart_by_their_first_word(extractor):
    train = extractor.segment(posted_page("Ravi Chopra", 2, "buses"))
    labels = ["nav" if b.text.startswith("Tags:") else "story" for b in train.blocks]
    adapter = SiteAdapter(prior=0.0).fit([train], [labels])
    posted = {place(b) for b in train.blocks if b.text.startswith(("By ", "Tags:"))}
    assert len(posted) == 1 and posted.pop() not in adapter.memory_  # one place, half story, half nav
    test = extractor.segment(posted_page("Anna Berg", 3, "trains"))  # new texts, the tag line a new element
    base = np.tile([0.7, 0.1, 0.1, 0.1], (len(test.blocks), 1))
    got = {b.text: LABELS[int(np.argmax(row))] for b, row in zip(test.blocks, adapter.adjust(test, base))}
    assert got["Tags: trains"] == "nav"
    assert got["By Anna Berg | 10:00 AM ET"] == "story"
    adapter.lead_memory_ = {}  # without the first words the tag line keeps the base model's label
    got = {b.text: LABELS[int(np.argmax(row))] for b, row in zip(test.blocks, adapter.adjust(test, base))}
    assert got["Tags: trains"] == "story"


def table_page(n: int, author: str, category: str) -> str:
    """A page of an old site laid out in tables without a class or id: the article's date and byline rows
    and its category and alert rows share one place with the sidebar's rows; only their position differs."""
    rows = [f"Posted : Mon, 0{n} Jan 2008", f"Author : {author}", f"Category : {category}", "News Alerts by Email"]
    sidebar = ["Business", "Entertainment", "Environment", "Health", "Sports", "Technology"]

    def table(cells: list[str]) -> str:
        return "<table>" + "".join(f"<tr><td>{cell}</td></tr>" for cell in cells) + "</table>"

    return (
        f"<html><body><table><tr><td><h1>Bus lanes, part {n}</h1></td></tr><tr><td>{table(rows)}</td></tr>"
        f"<tr><td><p>{BODY}</p></td></tr><tr><td>{table(sidebar)}</td></tr></table></body></html>"
    )


def test_adapter_tells_rows_of_one_place_apart_by_their_element(extractor):
    train = extractor.segment(table_page(1, "Ravi Chopra", "India"))
    story = {"Posted : Mon, 01 Jan 2008", "Author : Ravi Chopra"}
    labels = ["story" if b.text in story or b.tag in ("h1", "p") else "nav" for b in train.blocks]
    adapter = SiteAdapter(prior=0.0).fit([train], [labels])
    test = extractor.segment(table_page(2, "Anna Berg", "World"))
    base = np.tile([0.7, 0.1, 0.1, 0.1], (len(test.blocks), 1))
    got = {b.text: LABELS[int(np.argmax(row))] for b, row in zip(test.blocks, adapter.adjust(test, base))}
    assert got["Posted : Mon, 02 Jan 2008"] == got["Author : Anna Berg"] == "story"  # the place alone says nav
    assert got["Category : World"] == got["Health"] == "nav"
    adapter.element_memory_ = {}  # without the element memory the byline rows take their place's label
    got = {b.text: LABELS[int(np.argmax(row))] for b, row in zip(test.blocks, adapter.adjust(test, base))}
    assert got["Author : Anna Berg"] == "nav"


def test_adapter_other_label_moves_story_mass_to_the_kinds(extractor):
    page = extractor.segment(site_page(1))
    adapter = SiteAdapter(prior=0.0).fit([page], [["other"] * len(page.blocks)])
    base = np.tile([0.6, 0.3, 0.05, 0.05], (len(page.blocks), 1))
    adjusted = adapter.adjust(page, base)
    assert np.allclose(adjusted, np.tile([0.0, 0.75, 0.125, 0.125], (len(page.blocks), 1)))


def test_adapted_classifier_predicts_like_the_base_elsewhere(extractor):
    page = extractor.segment(site_page(1))
    model = AdaptedClassifier(extractor.model, [SiteAdapter().fit([page], [["story"] * len(page.blocks)])])
    other = extractor.segment(other_site_page())
    assert np.array_equal(model.predict_proba([other]), extractor.model.predict_proba([other]))
    assert list(model.classes_) == list(extractor.model.classes_)


def test_cli_adapts_the_shipped_model_from_labeled_pages(tmp_path, capsys):
    pages = tmp_path / "my-site"
    pages.mkdir()
    for n in range(3):
        (pages / f"p{n}.html").write_text(site_page(n, labeled=True))
    out = tmp_path / "site.joblib"
    assert main(["train", "--base", "default", "--data", str(pages), "-o", str(out)]) == 0
    err = capsys.readouterr().err
    assert "each adapted by the other pages of its folder" in err and "adapted from default" in err
    meta = json.loads(out.with_suffix(".json").read_text())
    assert meta["adapted_from"]["sha256"] == storysift.Extractor.load().metadata["sha256"]
    assert meta["adaptation_pages"]["count"] == 3 and meta["leave_one_out_scores"]["pages"] == 3
    recorded = {e["file"]: e["sha256"] for e in meta["adaptation_pages"]["pages"]}
    assert recorded == {f"p{n}.html": hashlib.sha256((pages / f"p{n}.html").read_bytes()).hexdigest() for n in range(3)}
    adapted = storysift.Extractor.load(out)
    assert type(adapted.model).__name__ == "AdaptedClassifier"  # no predict-only form: the estimator
    new_page = site_page(7)
    kept = adapted.clean(new_page)
    assert "bus every morning" not in kept and "Bus lanes, part 7" in kept
    assert adapted.clean(other_site_page()) == storysift.clean(other_site_page())
    assert main(["models", str(out)]) == 0
    assert "adapted from" in capsys.readouterr().out


def test_cli_adaptation_needs_labeled_html_pages(tmp_path, capsys):
    assert main(["train", "--base", "default", "-o", str(tmp_path / "x.joblib")]) == 2
    assert "--data" in capsys.readouterr().err
    (tmp_path / "t").mkdir()
    (tmp_path / "t" / "a.txt").write_text("@story\nOne paragraph.\n")
    assert main(["train", "--base", "default", "--data", str(tmp_path / "t"), "-o", str(tmp_path / "x.joblib")]) == 2
    assert "labeled HTML page" in capsys.readouterr().err


@pytest.mark.parametrize("name", ["default", None])
def test_default_names_the_shipped_model(name):
    assert storysift.Extractor.load(name).metadata["sha256"] == storysift.Extractor.load().metadata["sha256"]


def test_models_by_name_from_the_registry_folder(tmp_path, monkeypatch, capsys):
    import shutil

    pages = tmp_path / "my-site"
    pages.mkdir()
    (pages / "p1.html").write_text(site_page(1, labeled=True))
    registry = tmp_path / "registry"
    registry.mkdir()
    assert main(["train", "--base", "default", "--data", str(pages), "-o", str(tmp_path / "site.joblib")]) == 0
    for suffix in (".joblib", ".json"):
        shutil.copy(tmp_path / f"site{suffix}", registry / f"site{suffix}")
    monkeypatch.setenv("STORYSIFT_MODELS", str(registry))
    monkeypatch.chdir(tmp_path / "my-site")  # no file named "site" here: the name is looked up
    capsys.readouterr()
    assert main(["models"]) == 0
    assert "site: " in capsys.readouterr().out
    page = tmp_path / "page.html"
    page.write_text(site_page(9))
    assert main(["clean", "--model", "site", str(page)]) == 0
    assert "bus every morning" not in capsys.readouterr().out
    assert main(["clean", "--model", "nonesuch", str(page)]) == 2
    assert "nonesuch: model file not found" in capsys.readouterr().err
