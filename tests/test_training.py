import dataclasses

import pytest

from storysift.blocks import Block, Page
from storysift.training.fit import (
    comment_sharing_groups,
    link_list_headings,
    stack_pages,
    text_only,
    weak_kind_labels,
    with_own_text_copies,
    with_real_text_copies,
    with_text_copies,
    with_weak_nav,
)
from storysift.training.sets import TrainingPage, split_pages


def _page(pid, group, n=3, xpath="/html/body/p"):
    blocks = [Block(text=f"{pid} {i}", xpath=xpath, tags=("html", "body", "p")) for i in range(n)]
    return TrainingPage("src", pid, group, Page(blocks, "html"), ["story"] * n)


def test_split_keeps_groups_together():
    pages = [_page(f"p{i}", f"g{i % 5}") for i in range(20)]
    train, test = split_pages(pages, 0.4, seed=3)
    assert {p.group for p in train}.isdisjoint({p.group for p in test})
    assert len(train) + len(test) == 20
    assert split_pages(pages, 0.4, seed=3) == (train, test)


def test_split_is_stable_when_groups_come_and_go():
    pages = [_page(f"p{i}", f"g{i}") for i in range(100)]
    _, test = split_pages(pages, 0.2, seed=0)
    _, test_more = split_pages(pages + [_page("new", "g-new")], 0.2, seed=0)
    _, test_fewer = split_pages(pages[1:], 0.2, seed=0)
    ids = {p.page_id for p in test}
    assert len(ids & {p.page_id for p in test_more}) >= 19
    assert len(ids & {p.page_id for p in test_fewer}) >= 19
    assert {p.page_id for p in split_pages(pages, 0.2, seed=1)[1]} != ids


def test_stack_pages_gives_the_pages_and_their_labels_in_order():
    a, b = _page("a", "g"), _page("b", "g", 2)
    X, y = stack_pages([a, b])
    assert [a.page, b.page] == X and y == a.labels + b.labels


def test_text_only_copies_drop_markup():
    page = _page("a", "g")
    copy = text_only(page)
    assert [b.text for b in copy.blocks] == [b.text for b in page.blocks]
    assert copy.kind == "text" and all(b.xpath is None and b.tags == () for b in copy.blocks)
    assert len(with_text_copies([page, _page("b", "g")], 2)) == 3


def test_text_only_crop_keeps_a_window_around_the_story():
    blocks = [Block(text=f"b{i}", xpath="/x") for i in range(20)]
    labels = ["other"] * 8 + ["story"] * 3 + ["other"] * 9
    copy = text_only(TrainingPage("src", "p", "g", Page(blocks, "html"), labels), crop=(2, 3))
    assert [b.text for b in copy.blocks] == [f"b{i}" for i in range(6, 14)]
    assert copy.labels == labels[6:14]


def test_real_labeled_pages_get_copies_and_plain_text_copies():
    real = _page("r", "site.example")
    real.complete, real.ref = True, "corpus/r"
    own = _page("o", "blog-en-00")
    own.complete = True
    out = with_real_text_copies([real, own], copies=2)
    assert [p.page_id for p in out] == ["r", "o", "r#copy1", "r#text", "r#text"]
    assert [p.kind for p in out] == ["html", "html", "html", "text", "text"]
    assert {p.group for p in out if p.page_id.startswith("r")} == {"site.example"}
    assert with_real_text_copies([own]) == [own]


def test_own_text_copies_repeat_the_projects_plain_text_pages_only():
    own_text = dataclasses.replace(_page("o", "blog-1"), page=Page(_page("o", "blog-1").blocks, "text"), complete=True)
    own_html = dataclasses.replace(_page("h", "blog-2"), complete=True)
    real_text = text_only(dataclasses.replace(own_html, page_id="r", group="site.example", ref="wcxb-dev/0001"))
    assert real_text.ref == "wcxb-dev/0001"  # a real page's plain-text copy still names its page
    corpus_text = dataclasses.replace(own_text, page_id="c", complete=False)
    out = with_own_text_copies([own_text, own_html, real_text, corpus_text], copies=2)
    assert [p.page_id for p in out] == ["o#own1", "o#own2"]
    assert {p.group for p in out} == {"blog-1"} and all(p.kind == "text" for p in out)
    assert with_own_text_copies([own_text], copies=0) == []


def test_groups_sharing_a_comment_become_one_group():
    shared = "I disagree with the second point, and here is why it matters: the costs were far higher last year."
    other = "Another reader wrote this comment, long enough to be a reader's own words and not a form's notice."
    notice = "Your email address will not be published. Required fields are marked *"

    def page(group, comments):
        blocks = [Block(text=f"The story of {group}, told at some length.")] + [Block(text=t) for t in comments]
        return TrainingPage(
            "data", group, group, Page(blocks, "text"), ["story"] + ["comment"] * len(comments), complete=True
        )

    pages = [
        page("a", [shared]),
        page("b", [other, notice]),
        page("c", [notice, shared]),
        page("d", [other]),
        page("e", []),
    ]
    merged = comment_sharing_groups(pages)
    assert merged == {"a": "a", "b": "b", "c": "a", "d": "b", "e": "e"}  # the form notice joins nothing
    assert comment_sharing_groups(pages[:2]) == {"a": "a", "b": "b"}


def test_weak_nav_labels_every_nth_link_list_of_unknown_kind():
    blocks = [
        Block(text="Home News Sport", link_chars=15),
        Block(text="A story paragraph.", link_chars=0),
        Block(text="About Contact", link_chars=13),
        Block(text="Read the whole thing", link_chars=4),
        Block(text="Privacy Terms", link_chars=13),
    ]
    page = TrainingPage("src", "a", "g", Page(blocks, "html"), ["other", "story", "other", "other", "story"])
    (every,) = with_weak_nav([page], 1)
    # link-dominated blocks of unknown kind become nav; story and mostly-text blocks keep their label
    assert every.labels == ["nav", "story", "nav", "other", "story"]
    assert page.labels == ["other", "story", "other", "other", "story"]  # the input page is not changed
    (half,) = with_weak_nav([page], 2)
    assert half.labels == ["nav", "story", "other", "other", "story"]


def test_weak_nav_leaves_legal_and_copyright_links_of_unknown_kind():
    texts = ["Privacy Policy", "Impressum", "© 2024 Example Media", "Sports"]
    blocks = [Block(text=t, link_chars=len(t)) for t in texts]
    page = TrainingPage("src", "a", "g", Page(blocks, "html"), ["other"] * 4)
    (weak,) = with_weak_nav([page], 1)
    # LABELS.md makes these disclaimers: calling them nav would teach the kind head the opposite
    assert weak.labels == ["other", "other", "other", "nav"]


def test_link_list_headings_become_weak_nav_for_the_kind_head_only():
    blocks = [
        Block(text="Categories", link_chars=0),
        Block(text="Travel Food Music", link_chars=17),
        Block(text="A story paragraph that runs on.", link_chars=0),
        Block(text="Share this:", link_chars=0),
        Block(text="Facebook X Email", link_chars=16),
        Block(text="Five words heading right here", link_chars=0),
        Block(text="Home About", link_chars=10),
        Block(text="Tags", link_chars=0),
    ]
    labels = ["other", "nav", "story", "other", "other", "other", "other", "other"]
    page = TrainingPage("src", "a", "g", Page(blocks, "html"), labels)
    # short link-free unknown blocks right before a link list; not a 5-word line, not the last block
    assert link_list_headings(page) == [0, 3]
    y = ["story"] * 2 + labels  # stacked after a two-block page of the project's own
    own = TrainingPage("data", "b", "h", Page(blocks[:2], "html"), ["story", "story"], complete=True)
    assert weak_kind_labels([own, page], y, 1) == ["story"] * 2 + ["nav", "nav", "story", "nav"] + labels[4:]
    assert weak_kind_labels([own, page], y, 2) == ["story"] * 2 + ["nav"] + labels[1:]


def test_a_comment_corpus_gives_texts_not_pages(tmp_path):
    import gzip
    import json

    from storysift.training.sets import load_sets

    folder = tmp_path / "comments"
    folder.mkdir()
    records = {
        "b": {"text": "Second comment, great video", "label": "ham"},
        "a": {"text": "First comment"},
        "c": {"label": "spam"},
    }
    with gzip.open(folder / "ground_truth.json.gz", "wt", encoding="utf-8") as fh:
        json.dump(records, fh)
    (tset,) = load_sets([], tmp_path, {"comments": None, "missing": None})
    assert tset.name == "comments" and tset.pages == []
    assert tset.comment_texts == ["First comment", "Second comment, great video"]
    assert len(tset.sha256) == 64


def test_a_page_corpus_without_its_pages_is_not_read_as_comments(tmp_path):
    import gzip
    import json

    from storysift.training.sets import load_sets

    folder = tmp_path / "pages-missing"
    folder.mkdir()
    with gzip.open(folder / "ground_truth.json.gz", "wt", encoding="utf-8") as fh:
        json.dump({"a": {"text": "The gold main text of a page.", "html": "html/a.html.gz"}}, fh)
    with pytest.raises(ValueError, match="pages-missing"):
        load_sets([], tmp_path, {"pages-missing": None})


def test_attribution_credits_the_public_sets_used():
    from storysift.training.sets import TrainingSet
    from storysift.training.trainer import attribution

    assert attribution([TrainingSet("pages", "data/pages", "0" * 64)]) == ""
    line = attribution([TrainingSet(n, n, "0" * 64) for n in ("pages", "wcxb-dev", "youtube-spam-collection")])
    assert line.startswith("Trained in part on WCXB") and " and the YouTube Spam Collection" in line


def test_stack_clock_estimates_the_time_left_from_finished_stacks():
    from storysift.training.trainer import StackClock

    lines: list[str] = []
    now = iter([0.0, 40.0, 84.0, 84.0, 90.0])
    clock = StackClock(lines.append, clock=lambda: next(now))
    clock("html", 1, 3)
    clock("html", 2, 3)  # the first stack took 40 s: 2 stacks left
    clock("html", 3, 3)  # 40 and 44 s: 42 s a stack, 1 left
    clock("text", 1, 3)  # another bag: no estimate until one of its stacks ends
    clock("text", 2, 3)
    assert lines == [
        "html stack 1/3",
        "html stack 2/3, 40 s a stack, about 1 min 20 s left for html",
        "html stack 3/3, 42 s a stack, about 42 s left for html",
        "text stack 1/3",
        "text stack 2/3, 6 s a stack, about 12 s left for text",
    ]


def test_recorded_path_is_relative_to_the_checkout_inside_it_and_as_given_outside(tmp_path):
    from storysift.training.trainer import recorded_path

    checkout = tmp_path / "co"
    (checkout / "src" / "storysift").mkdir(parents=True)
    (checkout / "data" / "labels" / "train").mkdir(parents=True)
    (checkout / "pyproject.toml").write_text("[project]\nname = 'storysift'\n")
    assert recorded_path(str(checkout / "data" / "labels" / "train")) == "data/labels/train"
    elsewhere = tmp_path / "my-labels"
    elsewhere.mkdir()
    assert recorded_path(str(elsewhere)) == str(elsewhere)
