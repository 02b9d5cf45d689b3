"""The compiled core against the pure-Python reference: the same probabilities, bit for bit, and a package
that works without the extension. The compiled tests skip where the extension is not built, except where
STORYSIFT_REQUIRE_EXTENSION is set (as .ci/run sets it), where its absence fails."""

from __future__ import annotations

import os
import pickle
from pathlib import Path

import numpy as np
import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st
from sklearn.ensemble import HistGradientBoostingClassifier

from storysift import accel
from storysift.flat_trees import FlatTrees, proba_from_raw
from storysift.frozen import FrozenClassifier
from storysift.model_io import default_model_path, load_model
from storysift.sparse_rows import SparseRows

EXAMPLE = Path(__file__).resolve().parents[1] / "examples" / "page.html"


@pytest.fixture()
def core():
    """The compiled module (the test is skipped, or fails when it is required, where it is not built)."""
    module = accel._imported(accel.SPEEDUPS)[0]
    if module is None:
        assert not os.environ.get("STORYSIFT_REQUIRE_EXTENSION"), f"the compiled core is required: {accel.status()}"
        pytest.skip(accel.status())
    return module


def _data(n_classes: int, seed: int = 0) -> tuple[np.ndarray, np.ndarray]:
    """Rows with missing values, ties on thresholds and n_classes classes."""
    rng = np.random.default_rng(seed)
    X = rng.normal(size=(600, 7))
    X[:, 3] = np.round(X[:, 3])  # few distinct values: rows fall exactly on thresholds
    X[rng.random(X.shape) < 0.1] = np.nan
    y = (np.nan_to_num(X[:, 0]) + np.nan_to_num(X[:, 3]) > 0).astype(int)
    if n_classes > 2:
        y = y + (np.nan_to_num(X[:, 1]) > 0.5)
    return X, y


@pytest.mark.parametrize("n_classes", [2, 3])
@pytest.mark.parametrize("dtype", [np.float32, np.float64])
@pytest.mark.parametrize("layout", ["C", "F", "strided"])
def test_flat_trees_give_scikit_learns_scores_bit_for_bit(core, n_classes, dtype, layout):
    X, y = _data(n_classes)
    clf = HistGradientBoostingClassifier(max_iter=30, max_leaf_nodes=15, early_stopping=False, random_state=0)
    clf.fit(X[:400], y[:400])
    trees = FlatTrees.from_estimator(clf)
    if layout == "strided":  # every other row of a wider matrix, whose columns are reversed: no contiguity
        wide = np.zeros((400, 14), dtype=dtype)
        wide[::2, ::-2] = X[400:]
        test = wide[::2, ::-2]
        assert not (test.flags.c_contiguous or test.flags.f_contiguous)
    else:
        test = np.asarray(X[400:], dtype=dtype, order=layout)
    raw = trees.raw_predict(test, core)
    assert raw.tobytes() == clf._raw_predict(test).tobytes()
    assert clf._loss.predict_proba(raw).tobytes() == clf.predict_proba(test).tobytes()
    assert proba_from_raw(raw, n_classes > 2).tobytes() == clf.predict_proba(test).tobytes()


@pytest.mark.parametrize("n_classes", [2, 3])
def test_flat_trees_in_numpy_give_scikit_learns_scores_bit_for_bit(n_classes):
    X, y = _data(n_classes, seed=1)
    clf = HistGradientBoostingClassifier(max_iter=30, max_leaf_nodes=15, early_stopping=False, random_state=0)
    clf.fit(X[:400], y[:400])
    raw = FlatTrees.from_estimator(clf).raw_predict(X[400:], None)
    assert raw.tobytes() == clf._raw_predict(X[400:]).tobytes()
    assert proba_from_raw(raw, n_classes > 2).tobytes() == clf.predict_proba(X[400:]).tobytes()


def test_flat_trees_refuse_a_wrong_width(core):
    X, y = _data(2)
    clf = HistGradientBoostingClassifier(max_iter=3, early_stopping=False).fit(X, y)
    with pytest.raises(ValueError, match="7"):
        FlatTrees.from_estimator(clf).raw_predict(X[:, :5], core)


def test_categorical_trees_stay_with_scikit_learn():
    X, y = _data(2)
    X[:, 2] = np.abs(np.nan_to_num(np.round(X[:, 2] * 3)))
    clf = HistGradientBoostingClassifier(max_iter=3, categorical_features=[2], early_stopping=False).fit(X, y)
    assert FlatTrees.from_estimator(clf) is None


def _probabilities(model, extractor, monkeypatch, pure: bool) -> tuple[np.ndarray, np.ndarray, list]:
    monkeypatch.setenv("STORYSIFT_PURE_PYTHON", "1" if pure else "0")
    page = extractor.segment(EXAMPLE.read_bytes())
    text = extractor.segment("\n\n".join(b.text for b in page.blocks), kind="text")
    return model.predict_proba([page, text]), model.predict_story_proba([page, text]), page.blocks


def test_the_shipped_model_gives_the_references_probabilities(core, extractor, monkeypatch):
    # the reference: the scikit-learn estimator and the pure-Python code; against what Extractor.load runs,
    # the predict-only form and the compiled core
    assert isinstance(extractor.model, FrozenClassifier)
    reference = _probabilities(load_model(default_model_path())[0], extractor, monkeypatch, pure=True)
    compiled = _probabilities(extractor.model, extractor, monkeypatch, pure=False)
    assert compiled[0].tobytes() == reference[0].tobytes()
    assert compiled[1].tobytes() == reference[1].tobytes()
    assert compiled[2] == reference[2]


def test_pure_python_is_forced_by_the_environment(monkeypatch):
    monkeypatch.setenv("STORYSIFT_PURE_PYTHON", "1")
    assert accel.speedups() is None
    assert accel.status() == "pure Python (STORYSIFT_PURE_PYTHON=1)"


def test_without_the_extension_everything_still_runs(extractor, monkeypatch):
    monkeypatch.delenv("STORYSIFT_PURE_PYTHON", raising=False)
    usual = extractor.clean(EXAMPLE.read_bytes())
    monkeypatch.setattr(accel, "_imported", lambda name: (None, "not built: test"))
    assert accel.speedups() is None
    assert accel.status() == "pure Python (compiled core not built: test)"
    assert extractor.clean(EXAMPLE.read_bytes()) == usual
    assert "ferry" in usual.lower()


def test_a_model_pickles_without_its_flat_trees(core, extractor, monkeypatch):
    model = load_model(default_model_path())[0]
    _probabilities(model, extractor, monkeypatch, pure=False)
    assert model.__dict__.get("_flat_trees")
    state = pickle.loads(pickle.dumps(model)).__dict__
    assert "_flat_trees" not in state


def _hashed_both(blocks, monkeypatch, n_features: int = 2**18):
    from storysift.features import hashed_tokens

    monkeypatch.setenv("STORYSIFT_PURE_PYTHON", "1")
    reference = hashed_tokens(blocks, n_features)
    monkeypatch.setenv("STORYSIFT_PURE_PYTHON", "0")
    compiled = hashed_tokens(blocks, n_features)
    rows = hashed_tokens(blocks, n_features, scipy=False)  # the predict-only path's form: the same arrays
    assert isinstance(rows, SparseRows) and _same_csr(rows.tocsr(), compiled)
    return reference, compiled


def _same_csr(a, b) -> bool:
    return a.shape == b.shape and all(
        np.array_equal(getattr(a, f), getattr(b, f)) and getattr(a, f).dtype == getattr(b, f).dtype
        for f in ("indptr", "indices", "data")
    )


def test_hashed_tokens_match_feature_hasher(core, monkeypatch):
    from storysift.blocks import Block

    long = " ".join(f"w{i % 7}" for i in range(200))  # repeats past the cap, more words than are hashed
    blocks = [
        Block("Ferry service resumes", tag="p", tags=("html", "body", "div", "p"), tokens=("story body", "main")),
        Block("", tag="div", tags=(), tokens=()),  # no words: "empty"; no tags: "t2:" and "t3:" alone
        Block(long, tag="li", tags=("ul", "li"), tokens=("a b a", "", "x", "y", "deep1 deep2", "deeper")),
        Block("İstanbul ÇAĞ straße 東京 — ½ émigré's naïve", tag="td", tags=("td",), tokens=("ünï cödé",)),
        Block("Ferry service resumes", tag="p", tags=("html", "body", "div", "p"), tokens=("story body", "main")),
        # utility-class markup: hundreds of class tokens per block, more than the short-run sort handles
        Block(
            "Read more",
            tag="a",
            tags=("div",) * 8,
            tokens=tuple(" ".join(f"m{j}-{i % 3}" for j in range(40)) for i in range(8)),
        ),
    ]
    for n_features in (2**18, 7, 1):  # small widths: many collisions
        reference, compiled = _hashed_both(blocks, monkeypatch, n_features)
        assert _same_csr(reference, compiled), n_features
    assert reference.shape == (6, 1) and reference.data.max() == 3.0


def test_hashed_tokens_match_on_the_example_page(core, extractor, monkeypatch):
    page = extractor.segment(EXAMPLE.read_bytes())
    assert _same_csr(*_hashed_both(page.blocks, monkeypatch))


_TEXT = st.text(alphabet=st.characters(exclude_categories=("Cs",)), max_size=300)
_WORDS = st.text(alphabet=st.characters(exclude_categories=("Cs",)), max_size=30)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    st.lists(
        st.tuples(_TEXT, _WORDS, st.lists(_WORDS, max_size=6), st.lists(_WORDS, max_size=8)),
        min_size=1,
        max_size=8,
    )
)
def test_hashed_tokens_match_on_any_text(core, monkeypatch, rows):
    from storysift.blocks import Block

    blocks = [Block(text, tag=tag, tags=tuple(tags), tokens=tuple(tokens)) for text, tag, tokens, tags in rows]
    assert _same_csr(*_hashed_both(blocks, monkeypatch, 2**10))


def _blocks_both(html: str, monkeypatch):
    from storysift.parse import parse_html
    from storysift.segment import _Segmenter, html_blocks

    root = parse_html(html)
    monkeypatch.setenv("STORYSIFT_PURE_PYTHON", "0")
    return _Segmenter(root, False).run(root), html_blocks(root)


@pytest.fixture()
def walk():
    """The compiled segmentation walk (skipped, or failed where required, when it is not built)."""
    module = accel._imported(accel.SEGMENT_CORE)[0]
    if module is None:
        assert not os.environ.get("STORYSIFT_REQUIRE_EXTENSION"), f"compiled segmentation is required: {accel.status()}"
        pytest.skip("the compiled segmentation walk is not built")
    return module


HARD_PAGE = """<html><body class="Main Page" id="top">
<DIV Class="story body"><H1>Title</H1>Lead text<!-- a comment -->after the comment<?pi x?> and a PI tail
<p>One <a href="/a">link <b>bold</b></a> tail &amp; entity &nbsp; café 東京</p>
<p hidden>hidden</p><p style="display: none">none</p><p style="visibility:hidden">vis</p>
<p style="color: red">shown</p><p class="" id="">empty attrs</p><p class="a" class="b">duplicate</p>
line one<br>line two<br><br>after two brs<br>
<script>var x = 1;</script>script tail<style>p {}</style><template>t</template>
<svg><text>svg text</text></svg>svg tail<math><mi>x</mi></math>
<table><tr><td>cell 1</td><td>cell 2</td></tr></table><ul><li>one</li><li>two<ul><li>inner</li></ul></li></ul>
<div><div><span>deep</span></div></div><noscript>no script</noscript>
<![CDATA[cdata text]]><xml:tag>prefixed</xml:tag><o:p>office</o:p>
</DIV><footer>© 2026</footer></body></html>"""


def test_the_compiled_walk_gives_the_references_blocks(walk, monkeypatch):
    reference, compiled = _blocks_both(HARD_PAGE, monkeypatch)
    assert compiled == reference
    assert len(reference) > 15


def test_the_compiled_walk_on_the_example_page(walk, monkeypatch):
    reference, compiled = _blocks_both(EXAMPLE.read_text(encoding="utf-8"), monkeypatch)
    assert compiled == reference


def test_gold_labels_are_read_by_the_reference(walk, monkeypatch):
    from storysift.parse import parse_html
    from storysift.segment import html_blocks

    monkeypatch.setenv("STORYSIFT_PURE_PYTHON", "0")
    root = parse_html('<html><body><p data-label="story">a story</p><p data-label="nav">Home</p></body></html>')
    assert [b.gold for b in html_blocks(root, with_gold=True)] == ["story", "nav"]


_TAGS = ["div", "p", "a", "span", "br", "li", "ul", "script", "b", "td", "h2", "section", "nav", "em", "Footer"]
_ATTRS = ["", ' class="x y"', ' id="c-1"', " hidden", ' style="display:none"', ' class="é ü"', ' href="#"']


@st.composite
def _html(draw, depth: int = 0) -> str:
    parts = []
    for _ in range(draw(st.integers(0, 4))):
        if depth < 5 and draw(st.booleans()):
            tag, attrs = draw(st.sampled_from(_TAGS)), draw(st.sampled_from(_ATTRS))
            parts.append(f"<{tag}{attrs}>{draw(_html(depth + 1))}</{tag}>")
        else:
            parts.append(draw(st.sampled_from(["", " ", "text", "two words", "<!--c-->", "&amp;", "\n\n", "ü"])))
    return "".join(parts)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(_html())
def test_the_compiled_walk_matches_on_any_markup(walk, monkeypatch, body):
    reference, compiled = _blocks_both(f"<html><body>{body}</body></html>", monkeypatch)
    assert compiled == reference


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.text(alphabet="abzAZ-_ 09\u0130\u212a\u212bßÉ日\u0307x:/\xa0", max_size=30))
@example("main-HTTP://x.com/read-comments\xa0side x-ab://z")  # a URL's branch taken for certain
def test_class_tokens_match_the_reference(walk, raw):
    from storysift.segment import _attr_tokens

    assert walk.attr_tokens(raw) == _attr_tokens(raw)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.text(alphabet=" \t\n\x0b\x0c\r\x1c\x1f\x85\xa0\u2003\u3000\u200bab\u00e9\u65e5\U0001f600\u0130", max_size=20))
def test_block_text_spaces_squeezed_as_the_regular_expression_does(walk, text):
    from storysift.segment import _WS_RE

    assert walk.squeeze_spaces(text) == _WS_RE.sub(" ", text).strip()


_STYLE_PIECES = ["display", "DISPLAY", "visibility", "Visibility", ":", " ", "none", "NoNe", "hidden", "HIDDEN"]
_STYLE_PIECES += ["\u017fhidden", "di\u017fplay", "color:red", ";", "border:none", "hid", "den"]  # ſ matches s


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(st.sampled_from(_STYLE_PIECES), max_size=6))
def test_hidden_styles_are_told_as_the_regular_expression_tells_them(walk, monkeypatch, pieces):
    style = "".join(pieces).replace('"', "")
    reference, compiled = _blocks_both(
        f'<html><body><p style="{style}">styled</p><p>after</p></body></html>', monkeypatch
    )
    assert compiled == reference


def test_xpath_steps_are_indexed_by_later_siblings_too(walk, monkeypatch):
    # the first <h2> has a later one (indexed), the lone <section> before a hundred <p>s has none, and a <P>
    # after a skipped <script> is the 101st p (upper-case markup is the same tag as lower case)
    rows = "".join(f"<p>p {k}</p>" for k in range(100))
    body = f"<div><h2>a</h2><section>s</section>{rows}<script>x</script><P>last</P><h2>b</h2></div>"
    html = f"<html><body>{body}</body></html>"
    reference, compiled = _blocks_both(html, monkeypatch)
    assert compiled == reference
    xpaths = [b.xpath for b in compiled]
    assert xpaths[:3] == ["/html/body/div/h2[1]", "/html/body/div/section", "/html/body/div/p[1]"]
    assert xpaths[-2:] == ["/html/body/div/p[101]", "/html/body/div/h2[2]"]


def test_the_compiled_walk_names_namespaced_elements_as_lxml_does(walk, monkeypatch):
    from lxml import etree

    from storysift.segment import _Segmenter, html_blocks

    # not from the HTML parser (it makes no namespaces): a tree built by hand, where one local name in two
    # namespaces is two tags, and the same name in one namespace is indexed
    root = etree.Element("html")
    body = etree.SubElement(root, "body")
    for tag, text in [("{urn:a}x", "a one"), ("{urn:b}x", "b one"), ("{urn:a}x", "a two"), ("x", "plain")]:
        etree.SubElement(etree.SubElement(body, tag), "div").text = text
    monkeypatch.setenv("STORYSIFT_PURE_PYTHON", "0")
    compiled = html_blocks(root)
    assert compiled == _Segmenter(root, False).run(root)
    assert [b.xpath for b in compiled] == [
        "/html/body/{urn:a}x[1]/div",
        "/html/body/{urn:b}x/div",
        "/html/body/{urn:a}x[2]/div",
        "/html/body/x/div",
    ]


def test_class_tokens_of_letters_that_lower_case_to_ascii(walk):
    from storysift.segment import _attr_tokens

    for raw in ("\u0130nfo-Box", "\u212aey main_Content", "a b cc", ""):  # İnfo: 'i', a dot, 'nfo'
        assert walk.attr_tokens(raw) == _attr_tokens(raw)
    assert walk.attr_tokens("\u212aEY-box2x") == "key box"


def _cues_both(texts, monkeypatch):
    from storysift.features import cue_flags

    monkeypatch.setenv("STORYSIFT_PURE_PYTHON", "1")
    reference = cue_flags(texts)
    monkeypatch.setenv("STORYSIFT_PURE_PYTHON", "0")
    return reference, cue_flags(texts)


def test_cue_words_and_dates_match_the_regular_expressions(core, monkeypatch):
    texts = [
        "Posted 12.05.2024 by anonymous",
        "1-2-3",
        "at 12:30",
        "1:3 and 123:4",
        "a1.2.3",
        "2024/1/15",
        "9:5x",
        "١٢:٣٠ (Arabic-Indic digits)",
        "12..3",
        "x-1-",
        "snake_case_reply reply_ copyright.",
        "Datenschutzerklärung © Impressum",
        "İstanbul photo credit: Getty",
        "",
        "Share Tweet Email",
    ]
    reference, compiled = _cues_both(texts, monkeypatch)
    assert np.array_equal(reference, compiled)
    assert reference.sum() > 10


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(st.text(alphabet="0123456789١٢./-:_ abxİ©reply", max_size=40), min_size=1, max_size=6))
def test_cue_words_and_dates_match_on_any_text(core, monkeypatch, texts):
    reference, compiled = _cues_both(texts, monkeypatch)
    assert np.array_equal(reference, compiled)


def test_cue_phrases_match_where_they_touch_block_edges_and_overlap(core, monkeypatch):
    texts = ["© 2024 all rights reserved", "this site this site", "»", "Powered by X", "read more» ›", "do not sel"]
    texts += ["l", "terms of use terms of service", "(c)(c)", ""]
    reference, compiled = _cues_both(texts, monkeypatch)
    assert np.array_equal(reference, compiled)
    assert compiled[:, 0].tolist()[:2] == [1.0, 0.0]  # copyright: the first block only


_PHRASE_PIECES = st.sampled_from(["this si", "te", "©", "»", "›", "$", "@", "(c", ")", " ago", "2024", "www.", "ht"])


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(st.lists(_PHRASE_PIECES | st.text(alphabet="ats ©(c)İ", max_size=3)).map("".join), min_size=1))
def test_cue_phrases_match_on_any_text(core, monkeypatch, texts):
    reference, compiled = _cues_both(texts, monkeypatch)
    assert np.array_equal(reference, compiled)


def test_no_cue_phrase_holds_the_block_separator():
    from storysift.features import _CUE_PHRASES, _SEP

    assert not any(_SEP in phrase for phrases in _CUE_PHRASES.values() for phrase in phrases)


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(st.text(alphabet="ab_1 .,-:\u00e9\u0301\u00a0\u00a9»", max_size=12), max_size=6))
def test_block_openings_match_the_regular_expression(core, texts):
    from storysift.features import _LEAD_RE

    assert core.leads(texts) == [_LEAD_RE.match(t).group() for t in texts]


def test_trees_whose_flat_form_cannot_be_made_stay_with_scikit_learn(core, caplog):
    from storysift.model import BlockClassifier

    X, y = _data(2)
    clf = HistGradientBoostingClassifier(max_iter=3, early_stopping=False).fit(X, y)
    del clf._predictors  # as if a scikit-learn release had moved it
    assert BlockClassifier()._flat(clf) is None
    assert "could not be made" in caplog.text


def _stats_both(texts, monkeypatch) -> tuple[np.ndarray, np.ndarray]:
    from storysift.features import text_stats

    links = np.array([(7 * k) % 11 for k in range(len(texts))], dtype=np.float64)  # some over the length
    monkeypatch.setenv("STORYSIFT_PURE_PYTHON", "1")
    reference = text_stats(texts, links).matrix(np.float64)
    monkeypatch.setenv("STORYSIFT_PURE_PYTHON", "0")
    return reference, text_stats(texts, links).matrix(np.float64)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(st.text(alphabet='aZÉß日本_1٣.!?。 \u00a0|»"“@,…x\U0001f600', min_size=1, max_size=30), min_size=1))
def test_text_statistics_match_on_any_text(core, monkeypatch, texts):
    reference, compiled = _stats_both(texts, monkeypatch)
    assert reference.tobytes() == compiled.tobytes()


def test_text_statistics_count_classes_per_block(core, monkeypatch):
    reference, compiled = _stats_both(["Hello, World. Said Ann…", "日本語のテキスト", "a@b.c | d, e, f"], monkeypatch)
    assert reference.tobytes() == compiled.tobytes()
    assert reference[:, 3].tolist() == [2 / 23, 0.0, 3 / 15]  # punct_share: . and , over the length


def _candidates_both(html: str, monkeypatch) -> tuple[np.ndarray, np.ndarray]:
    from storysift.blocks import Page
    from storysift.candidates import candidate_features
    from storysift.parse import parse_html
    from storysift.segment import html_blocks

    blocks = html_blocks(parse_html(html))
    chars = np.array([len(b.text) for b in blocks], dtype=float)
    links = np.array([b.link_chars for b in blocks], dtype=float)
    monkeypatch.setenv("STORYSIFT_PURE_PYTHON", "1")
    reference = candidate_features(Page(blocks, "html"), chars, links)
    monkeypatch.setenv("STORYSIFT_PURE_PYTHON", "0")
    return reference, candidate_features(Page(blocks, "html"), chars, links)


@pytest.mark.parametrize(
    "html",
    [
        EXAMPLE.read_text(encoding="utf-8"),
        "<body><div class='post-content'><p>"
        + "Words, more words, " * 12
        + "</p>text between<p>"
        + "Second, paragraph, " * 9
        + "</p></div><ul class='menu'><li><a href='#'>"
        + "Home link " * 4
        + "</a></li></ul><div><div><div><p>"
        + "Deep, deep text " * 8
        + "</p></div></div></div></body>",
    ],
)
def test_candidate_features_match_the_reference(core, monkeypatch, html):
    reference, compiled = _candidates_both(html, monkeypatch)
    assert reference.tobytes() == compiled.tobytes()


def test_candidate_features_keep_a_negative_zero_top_score(core, monkeypatch):
    html = "<body><nav class='menu'><p><a href='#'>" + "A long menu entry, " * 6 + "</a></p></nav></body>"
    reference, compiled = _candidates_both(html, monkeypatch)
    assert np.signbit(reference[0, 2]) and np.signbit(compiled[0, 2])  # log1p(max(-0.0, 0.0)) is -0.0


def _tables_both(blocks, monkeypatch) -> tuple[tuple, tuple]:
    from storysift.features import _block_tables

    monkeypatch.setenv("STORYSIFT_PURE_PYTHON", "1")
    reference = _block_tables(blocks)
    monkeypatch.setenv("STORYSIFT_PURE_PYTHON", "0")
    return reference, _block_tables(blocks)


def _same_tables(a: tuple, b: tuple) -> bool:
    return all(x.dtype == y.dtype and x.shape == y.shape and x.tobytes() == y.tobytes() for x, y in zip(a, b))


def test_block_tables_match_on_hand_made_blocks(core, monkeypatch):
    from storysift.blocks import Block
    from storysift.features import ANCESTOR_TAGS, KEYWORDS, TAGS

    blocks = [
        Block("a", tag="p", tags=("body", "article", "p"), tokens=("", "post-content", "main"), link_chars=3),
        Block("b", tag="blink", tags=("body", "footer", "ul", "li"), tokens=("reply", "", "", "comment-list")),
        Block("c", tag="p", tags=("body", "article", "p"), tokens=("", "post-content", "main")),  # repeats row 0
        Block("d"),  # plain text: no tag, ancestors or tokens
    ]
    reference, compiled = _tables_both(blocks, monkeypatch)
    assert _same_tables(reference, compiled)
    tag, anc, kw, links = compiled
    assert tag[1, len(TAGS)] == 1.0 and tag[0, TAGS.index("p")] == 1.0  # an unknown tag goes to tag:other
    assert anc[1, ANCESTOR_TAGS.index("footer")] == 1.0 and anc[1, ANCESTOR_TAGS.index("li")] == 0.0  # own one left out
    assert anc[:, -1].tolist() == [3.0, 4.0, 3.0, 0.0]
    assert kw[1, KEYWORDS.index("reply")] == 1.0 and kw[1, len(KEYWORDS) + KEYWORDS.index("comment")] == 1.0
    assert links.tolist() == [3.0, 0.0, 0.0, 0.0]


def test_block_tables_match_on_the_example_page(core, monkeypatch):
    from storysift.parse import parse_html
    from storysift.segment import html_blocks

    blocks = html_blocks(parse_html(EXAMPLE.read_text(encoding="utf-8")))
    reference, compiled = _tables_both(blocks, monkeypatch)
    assert _same_tables(reference, compiled)
    assert reference[2].sum() > 0


_TAG_WORDS = st.sampled_from(["p", "div", "li", "ul", "footer", "nav", "form", "x-y", "", "td"])
_TOKENS = st.sampled_from(["", "comment reply", "menu", "ad", "header", "post-content", "adsbygoogle", "x"])


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(st.tuples(_TAG_WORDS, st.lists(_TAG_WORDS, max_size=6), st.lists(_TOKENS, max_size=7)), max_size=8))
def test_block_tables_match_on_any_blocks(core, monkeypatch, rows):
    from storysift.blocks import Block

    blocks = [Block("t", tag=tag, tags=tuple(tags), tokens=tuple(tokens)) for tag, tags, tokens in rows]
    reference, compiled = _tables_both(blocks, monkeypatch)
    assert _same_tables(reference, compiled)


def _containers_both(blocks, monkeypatch) -> tuple[np.ndarray, np.ndarray]:
    from storysift.features import container_ids

    monkeypatch.setenv("STORYSIFT_PURE_PYTHON", "1")
    reference = container_ids(blocks)
    monkeypatch.setenv("STORYSIFT_PURE_PYTHON", "0")
    return reference, container_ids(blocks)


def test_container_ids_match_on_the_example_page(core, monkeypatch):
    from storysift.parse import parse_html
    from storysift.segment import html_blocks

    reference, compiled = _containers_both(html_blocks(parse_html(EXAMPLE.read_text(encoding="utf-8"))), monkeypatch)
    assert reference.dtype == compiled.dtype and reference.shape == compiled.shape
    assert np.array_equal(reference, compiled)


_STEPS = st.sampled_from(["div", "div[2]", "p", "ul", "li[3]", "body", "html"])


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(st.one_of(st.none(), st.just("/"), st.lists(_STEPS, max_size=9).map(lambda s: "/" + "/".join(s)))))
def test_container_ids_match_on_any_xpaths(core, monkeypatch, xpaths):
    from storysift.blocks import Block

    reference, compiled = _containers_both([Block("t", xpath=x) for x in xpaths], monkeypatch)
    assert reference.dtype == compiled.dtype and reference.shape == compiled.shape
    assert np.array_equal(reference, compiled)


def test_holds_finds_what_in_finds(core):
    mark = b'id="S:'
    for data in [b"", b"S", mark, b"x" + mark, mark + b"x", b'id="S', b'd="S:', b'SSS id="S:0"', b"S:" * 9 + b"id"]:
        assert core.holds(data, mark, 4) == (mark in data), data
    with pytest.raises(ValueError, match="anchor"):
        core.holds(b"abc", b"ab", 2)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.binary(max_size=40).map(lambda b: b.replace(b"\x01", b"S")), st.integers(0, 5))
def test_holds_matches_in_on_any_bytes(core, data, anchor):
    needle = b"S:\x00S"[: max(anchor, 1) + 1]
    for where in range(len(needle)):
        assert core.holds(data, needle, where) == (needle in data)
    assert core.holds(data + needle, needle, len(needle) - 1)


def _structures_both(blocks, monkeypatch) -> tuple:
    from storysift.features import page_structure

    monkeypatch.setenv("STORYSIFT_PURE_PYTHON", "1")
    reference = page_structure(blocks)
    monkeypatch.setenv("STORYSIFT_PURE_PYTHON", "0")
    return reference, page_structure(blocks)


def _same_structure(a, b) -> bool:
    fields = ("containers", "templates", "chars", "links", "repeated", "elements")
    return all(_same_tables((getattr(a, f),), (getattr(b, f),)) for f in fields)


def test_page_structure_matches_on_hand_made_blocks(core, monkeypatch):
    from storysift.blocks import Block

    deep = ("html", "body", "div", "ul", "li", "p")
    blocks = [
        Block("Reply", tag="p", xpath="/html/body/div/ul/li/p", tags=deep, tokens=("", "item", "list", "x", "y")),
        Block("Reply", tag="p", xpath="/html/body/div/ul/li[2]/p", tags=deep, tokens=("", "item", "list", "x", "z")),
        Block("Story text.", tag="p", xpath="/html/body/div/ul/li/p", tags=deep, link_chars=4),
        Block("plain"),  # plain text: no xpath, tags or tokens
    ]
    reference, compiled = _structures_both(blocks, monkeypatch)
    assert _same_structure(reference, compiled)
    assert compiled.repeated.tolist() == [1.0, 1.0, 0.0, 0.0]
    assert compiled.elements.tolist() == [0, 1, 0, 2]
    assert compiled.templates.tolist() == [0, 0, 1, 2]  # tokens past the fourth do not count
    assert compiled.links.tolist() == [0.0, 0.0, 4.0, 0.0] and compiled.chars.tolist() == [5.0, 5.0, 11.0, 5.0]


def test_page_structure_matches_on_the_example_page(core, monkeypatch):
    from storysift.parse import parse_html
    from storysift.segment import html_blocks

    blocks = html_blocks(parse_html(EXAMPLE.read_text(encoding="utf-8")))
    reference, compiled = _structures_both(blocks, monkeypatch)
    assert _same_structure(reference, compiled)
    assert len(set(compiled.templates.tolist())) > 1


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    st.lists(
        st.tuples(
            st.sampled_from(["a", "b", "", "Reply"]),
            st.one_of(st.none(), st.lists(_STEPS, max_size=4).map(lambda s: "/" + "/".join(s))),
            st.lists(_TAG_WORDS, max_size=7),
            st.lists(_TOKENS, max_size=7),
            st.integers(0, 9),
        ),
        max_size=10,
    )
)
def test_page_structure_matches_on_any_blocks(core, monkeypatch, rows):
    from storysift.blocks import Block

    blocks = [
        Block(text, xpath=xpath, tags=tuple(tags), tokens=tuple(tokens), link_chars=links)
        for text, xpath, tags, tokens, links in rows
    ]
    reference, compiled = _structures_both(blocks, monkeypatch)
    assert _same_structure(reference, compiled)


def _context_both(values, containers, chars, templates, monkeypatch) -> tuple[np.ndarray, np.ndarray]:
    from storysift.features import context_features

    monkeypatch.setenv("STORYSIFT_PURE_PYTHON", "1")
    reference = context_features(values, containers, chars, templates)
    monkeypatch.setenv("STORYSIFT_PURE_PYTHON", "0")
    return reference, context_features(values, containers, chars, templates)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.integers(1, 40), st.integers(1, 5), st.integers(0, 2**32 - 1), st.booleans())
def test_context_features_match_the_reference(core, monkeypatch, n, m, seed, with_templates):
    rng = np.random.default_rng(seed)
    values = rng.random((n, m)) * rng.choice([1.0, 1e-12, 1e6], size=(n, m))
    values[rng.random((n, m)) < 0.1] = -0.0
    containers = np.sort(rng.integers(0, max(1, n // 3), size=(6, n)), axis=1).astype(np.int64)
    chars = rng.integers(0, 500, size=n).astype(np.float64)
    templates = rng.integers(0, 4, size=n).astype(np.int64) if with_templates else None
    reference, compiled = _context_both(values, containers, chars, templates, monkeypatch)
    assert reference.shape == compiled.shape
    assert reference.tobytes() == compiled.tobytes()


def test_context_features_of_float32_values_stay_with_the_reference(core, monkeypatch):
    values = np.arange(12, dtype=np.float32).reshape(6, 2) / 7
    containers = np.zeros((6, 6), dtype=np.int64)
    reference, compiled = _context_both(values, containers, np.ones(6), None, monkeypatch)
    assert reference.tobytes() == compiled.tobytes()


def _region_both(p_story, containers, chars, monkeypatch) -> tuple:
    from storysift.features import region_features

    monkeypatch.setenv("STORYSIFT_PURE_PYTHON", "1")
    reference = region_features(p_story, containers, chars)
    monkeypatch.setenv("STORYSIFT_PURE_PYTHON", "0")
    return reference, region_features(p_story, containers, chars)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.integers(1, 40), st.integers(0, 2**32 - 1), st.sampled_from(["random", "zeros", "ties"]))
def test_region_features_match_the_reference(core, monkeypatch, n, seed, kind):
    rng = np.random.default_rng(seed)
    p_story = {"random": rng.random(n), "zeros": np.zeros(n), "ties": np.full(n, 0.75)}[kind]
    chars = rng.integers(0, 300, size=n).astype(np.float64) if kind != "ties" else np.full(n, 10.0)
    containers = np.sort(rng.integers(0, max(1, n // 2), size=(6, n)), axis=1).astype(np.int64)
    reference, compiled = _region_both(p_story, containers, chars, monkeypatch)
    assert reference.names == compiled.names
    assert reference.matrix(np.float64).tobytes() == compiled.matrix(np.float64).tobytes()


def test_expit_gives_scipys_bits(core, monkeypatch):
    from scipy.special import expit as scipy_expit

    from storysift.flat_trees import expit

    rng = np.random.default_rng(0)
    extremes = [0.0, -0.0, 1e-300, -1e-300, 5e-324, 36.7, -36.7, 709.8, -709.8, 745.2, -745.2, 1.0, -1.0]
    extremes += [np.inf, -np.inf, np.nan]
    x = np.concatenate([rng.normal(0, 4, 20_000), rng.normal(0, 60, 5_000), extremes]).reshape(-1, 8)
    want = scipy_expit(x)
    got = expit(x)
    assert got.shape == want.shape and got.tobytes() == want.tobytes()
    assert expit(x[:, 1]).tobytes() == scipy_expit(x[:, 1]).tobytes()  # a strided column
    monkeypatch.setenv("STORYSIFT_PURE_PYTHON", "1")
    assert expit(x).tobytes() == want.tobytes()


@pytest.mark.parametrize("dtype", [np.float64, np.float32])
def test_sparse_rows_times_a_matrix_gives_scipys_bits(core, monkeypatch, dtype):
    from scipy import sparse

    rng = np.random.default_rng(1)
    matrix = sparse.random(60, 400, density=0.05, format="lil", random_state=2)
    matrix[7] = 0.0  # a row without entries
    matrix = matrix.tocsr()
    matrix.data = np.round(matrix.data * 4) + 1.0  # counts, as the hashed tokens hold
    matrix.sort_indices()
    rows = SparseRows(matrix.indptr.astype(np.int32), matrix.indices.astype(np.int32), matrix.data, matrix.shape)
    for width in (1, 4, 12):
        dense = rng.normal(0, 1e-3, (400, width)).astype(dtype)
        want = np.asarray(matrix @ dense)
        for layout in (dense, np.asfortranarray(dense)):
            assert (rows @ layout).tobytes() == want.tobytes()
        monkeypatch.setenv("STORYSIFT_PURE_PYTHON", "1")  # SciPy's own product where the core is off
        assert (rows @ dense).tobytes() == want.tobytes()
        monkeypatch.delenv("STORYSIFT_PURE_PYTHON")
    with pytest.raises(ValueError):
        rows @ np.zeros((399, 2))
