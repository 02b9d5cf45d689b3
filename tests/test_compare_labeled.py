"""bench/compare_labeled.py's second labeling: another folder's labels of the same pages scored as predictions."""

import math
from pathlib import Path

import pytest
from conftest import bench_module

from storysift.gold.pages import read_gold

PAGE = """<html><body data-label="nav"><ul><li>Home page of the site</li><li>World news from every country</li></ul>
<article data-label="story"><h1>River flooding closes bridge</h1>
<p>The old bridge over the river was closed on Monday after water rose above the road.</p>
<p data-label="{notice}">Copyright 2026 Example News. All rights reserved.</p></article>
<div data-label="comment"><p>Leave a Reply</p><p>Great article thanks for writing it</p></div>
</body></html>"""


@pytest.fixture(scope="module")
def compare_labeled():
    return bench_module("compare_labeled")


def labeled(folder: Path, notice: str, text: str = "Leave a Reply") -> Path:
    folder.mkdir()
    (folder / "page.html").write_text(PAGE.format(notice=notice).replace("Leave a Reply", text), encoding="utf-8")
    return folder


def test_a_second_labeling_is_scored_as_predictions_against_the_first(tmp_path, compare_labeled):
    first = labeled(tmp_path / "first", "disclaimer")
    second = labeled(tmp_path / "second", "nav")
    pages = list(read_gold(first))
    ids, table = compare_labeled.page_table(str(second), pages, 0.5)
    assert ids == ["page.html"]
    assert table["story"][0].tolist() == [1.0, 1.0]
    assert table["comment"][0].tolist() == [1.0, 1.0]
    precision, recall = table["disclaimer"][0]
    assert math.isnan(precision) and recall == 0.0  # the second labeler has no disclaimer text on the page
    precision, recall = table["nav"][0]
    assert precision < 1.0 and recall == 1.0  # the copyright line came in as nav
    _, same = compare_labeled.page_table(str(first), pages, 0.5)
    assert all(same[label][0].tolist() == [1.0, 1.0] for label in ("story", "nav", "disclaimer", "comment"))


def test_a_labeling_of_other_pages_or_other_blocks_is_refused(tmp_path, compare_labeled):
    pages = list(read_gold(labeled(tmp_path / "first", "disclaimer")))
    (tmp_path / "empty").mkdir()
    (tmp_path / "empty" / "other.html").write_text(PAGE.format(notice="nav"), encoding="utf-8")
    with pytest.raises(ValueError, match=r"no labels for page\.html"):
        compare_labeled.page_table(str(tmp_path / "empty"), pages, 0.5)
    changed = labeled(tmp_path / "changed", "disclaimer", text="Leave a comment")
    with pytest.raises(ValueError, match="other blocks"):
        compare_labeled.page_table(str(changed), pages, 0.5)
