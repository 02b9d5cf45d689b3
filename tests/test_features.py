import numpy as np

from storysift.blocks import Block, Page
from storysift.features import (
    block_tokens,
    container_ids,
    dense_matrix,
    dense_names,
    group_ids,
    order_features,
    page_features,
    region_features,
    repetition_features,
    shifted,
    stage_input,
    stage_names,
    template_ids,
    text_stats,
    view,
    window_mean,
)
from storysift.parse import parse_html
from storysift.segment import html_blocks


def test_text_stats_hand_computed():
    stats = text_stats(["Hello world.", "© 2026 Example. All rights reserved", "東京都"], np.array([0, 0, 3]))
    assert stats.column("log_chars")[0] == np.log1p(12)
    assert stats.column("ends_punct").tolist() == [1.0, 0.0, 0.0]
    assert stats.column("link_share")[2] == 1.0
    assert stats.column("cjk_share")[2] == 1.0  # every character of the third block
    assert stats.column("cue:copyright").tolist() == [0.0, 1.0, 0.0]


def test_page_features_shape_and_finite():
    html = "<body><nav><a>Home</a></nav><article><h1>T</h1><p>One two three.</p></article><footer>© x</footer></body>"
    blocks = html_blocks(parse_html(html))
    X = dense_matrix(Page(blocks, "html"))
    assert X.shape == (len(blocks), len(dense_names()))
    assert np.isfinite(X).all()
    assert dense_matrix(Page([], "html")).shape == (0, len(dense_names()))


def test_plain_text_blocks_have_features_too():
    cols = page_features(Page([Block(text="A paragraph."), Block(text="Another one")], "text"))
    X = cols.matrix()
    assert X.shape == (2, len(dense_names())) and np.isfinite(X).all()
    assert cols.column("plain_text").tolist() == [1.0, 1.0]


def test_feature_names_are_unique_and_match_the_columns():
    """Widths are derived from the named columns: every column has one name, for dense and stage inputs."""
    assert len(set(dense_names())) == len(dense_names()) > 100
    assert len(set(stage_names())) == len(stage_names())
    html = "<body><article><h1>T</h1><p>One two three.</p><p>Four.</p></article><footer>© x</footer></body>"
    pages = [Page(html_blocks(parse_html(html)), "html"), Page([Block("Plain text.")], "text")]
    inputs = view(pages, 2**10)
    assert inputs.dense.shape == (5, len(dense_names()))
    assert stage_input(inputs, np.full((5, 4), 0.25)).shape == (5, len(stage_names()))


def test_context_helpers():
    v = np.arange(5, dtype=float)[:, None]
    assert shifted(v, 1)[:, 0].tolist() == [1, 2, 3, 4, 0]
    assert shifted(v, -2)[:, 0].tolist() == [0, 0, 0, 1, 2]
    assert window_mean(v, 1)[:, 0].tolist() == [0.5, 1.0, 2.0, 3.0, 3.5]
    blocks = [
        Block("a", xpath="/html/body/div/p[1]"),
        Block("b", xpath="/html/body/div/p[2]"),
        Block("c", xpath="/html/body/ul/li"),
    ]
    g = group_ids(blocks, 1)
    assert g[0] == g[1] != g[2]


def test_block_tokens_hash_words_classes_and_path():
    (b,) = html_blocks(parse_html("<body><div class='comment-body'><p>Nice post</p></div></body>"))
    toks = block_tokens([b])[0]
    assert "w:nice" in toks and "c1:comment" in toks and "t2:div/p" in toks


def test_container_ids_match_group_ids_per_level():
    blocks = [Block("a", xpath="/html/body/div/p[1]"), Block("b", xpath="/html/body/aside/p"), Block("c", xpath=None)]
    ids = container_ids(blocks, 3)
    for level in (1, 2, 3):
        assert ids[level - 1].tolist() == group_ids(blocks, level).tolist()
    assert ids[0, 0] != ids[0, 1] and ids[1, 0] == ids[1, 1]  # different parents, same grandparent


def test_region_features_hand_computed():
    blocks = [
        Block("a", xpath="/html/body/div/p[1]"),
        Block("b", xpath="/html/body/div/p[2]"),
        Block("c", xpath="/html/body/aside/p"),
    ]
    p_story = np.array([1.0, 0.5, 0.5])
    chars = np.array([10.0, 10.0, 20.0])  # story mass 10, 5, 10 of 25
    r = region_features(p_story, container_ids(blocks, 2), chars).matrix(np.float64)
    assert r.shape == (3, 8)
    assert np.allclose(r[:, 0], [15 / 25, 15 / 25, 10 / 25])  # parent container's share
    assert r[:, 1].tolist() == [1.0, 1.0, 0.0]  # the div holds the most story
    assert np.allclose(r[:, 2], 1.0) and r[:, 3].tolist() == [1.0, 1.0, 1.0]  # all under body
    # the same over confident mass: only "a" is more likely story than not (10 characters of 10)
    assert np.allclose(r[:, 4], [1.0, 1.0, 0.0]) and r[:, 5].tolist() == [1.0, 1.0, 0.0]
    assert np.allclose(r[:, 6], 1.0)


def test_order_features_hand_computed():
    probs = np.array([[1.0, 0.0, 0.0, 0.0], [0.5, 0.5, 0.0, 0.0], [0.0, 0.0, 0.0, 1.0]])
    chars = np.array([10.0, 20.0, 30.0])  # story mass 10, 10, 0 of 20; comment mass 0, 0, 30 of 30
    cols = order_features(probs, chars)
    assert cols.names[:2] == ["p:story_mass_before", "p:story_mass_after"]
    r = cols.matrix(np.float64)
    assert np.allclose(r[:, 0], [0.0, 0.5, 1.0]) and np.allclose(r[:, 1], [0.5, 0.0, 0.0])
    assert np.allclose(r[:, 6], [0.0, 0.0, 0.0]) and np.allclose(r[:, 7], [1.0, 1.0, 0.0])  # comment
    assert np.allclose(r[:, 4:6], 0.0)  # no disclaimer mass anywhere: zero, not a division by zero
    assert order_features(np.zeros((0, 4)), np.zeros(0)).matrix().shape == (0, 8)


def test_stage_input_adds_the_order_columns_only_when_asked():
    pages = [Page([Block("Home | News"), Block("The council met and agreed the budget."), Block("Nice!")], "text")]
    v = view(pages, 2**10)
    probs = np.array([[0.1, 0.9, 0.0, 0.0], [0.9, 0.1, 0.0, 0.0], [0.2, 0.0, 0.0, 0.8]])
    plain, ordered = stage_input(v, probs), stage_input(v, probs, order=True)
    assert plain.shape[1] == len(stage_names()) and ordered.shape[1] == len(stage_names(True))
    assert stage_names(True)[: len(stage_names())] == stage_names()
    np.testing.assert_array_equal(ordered[:, : plain.shape[1]], plain)
    extra = order_features(probs, np.array([len(b.text) for b in pages[0].blocks], dtype=np.float64))
    np.testing.assert_array_equal(ordered[:, plain.shape[1] :], extra.matrix())


def test_a_reused_stage_input_is_the_fresh_one_overwritten_in_place():
    """reuse: one matrix per view and order, its dense part copied once, its probability part rewritten
    by every call; each call gives what a fresh stage_input gives."""
    html = "<body><article><h1>T</h1><p>One two three.</p><p>Four.</p></article><footer>© x</footer></body>"
    v = view([Page(html_blocks(parse_html(html)), "html")], 2**10)
    first, second = np.full((4, 4), 0.25), np.array([[0.9, 0.1, 0.0, 0.0]] * 3 + [[0.1, 0.0, 0.9, 0.0]])
    reused = stage_input(v, first, reuse=True)
    np.testing.assert_array_equal(reused, stage_input(v, first))
    again = stage_input(v, second, reuse=True)
    assert again is reused
    np.testing.assert_array_equal(again, stage_input(v, second))
    assert not np.array_equal(stage_input(v, first), again)
    ordered = stage_input(v, second, order=True, reuse=True)
    assert ordered is not reused and ordered.shape[1] == len(stage_names(True))
    np.testing.assert_array_equal(ordered, stage_input(v, second, order=True))


def test_a_view_of_pages_holds_their_dense_rows_in_column_order():
    """Several pages' dense rows one page after another, as each page's own matrix; the matrices the trees
    read (dense, stage inputs) are in column order."""
    pages = [
        Page(html_blocks(parse_html(html)), "html")
        for html in (
            "<body><article><h1>T</h1><p>One two three.</p><p>Four.</p></article><footer>© x</footer></body>",
            "<body><nav><a href='/'>Home</a></nav><main><p>A longer story sentence here.</p></main></body>",
        )
    ]
    v = view(pages, 2**10)
    expected = np.vstack([dense_matrix(p) for p in pages])
    np.testing.assert_array_equal(v.dense, expected)
    assert v.dense.dtype == np.float32 and v.dense.flags.f_contiguous
    probs = np.full((len(expected), 4), 0.25)
    assert stage_input(v, probs).flags.f_contiguous and stage_input(v, probs, reuse=True).flags.f_contiguous
    np.testing.assert_array_equal(
        stage_input(v, probs)[: len(pages[0].blocks)],
        stage_input(view(pages[:1], 2**10), probs[: len(pages[0].blocks)]),
    )


def test_long_thread_of_unlikely_blocks_does_not_hold_the_confident_mass():
    blocks = [Block("story", xpath="/html/body/article/p")] + [
        Block(f"c{k}", xpath=f"/html/body/section/div[{k + 1}]/p") for k in range(20)
    ]
    p_story = np.array([0.9] + [0.3] * 20)
    chars = np.array([100.0] + [50.0] * 20)  # the thread's P(story) x chars: 300 against the story's 90
    r = region_features(p_story, container_ids(blocks, 2), chars).matrix(np.float64)
    assert r[0, 3] == 0.0 and r[1, 3] == 1.0  # by expected mass, the thread's section holds the most
    assert r[0, 7] == 1.0 and r[1, 7] == 0.0  # by confident mass, the article does


THREAD = """<body><article><h1>Title</h1><p>One.</p><p>Two.</p><p>Three.</p></article>
<ol class="comments">
 <li class="comment"><div class="body"><div class="text"><p>First comment.</p></div></div>
  <ol class="children"><li class="comment"><div class="body"><div class="text"><p>A nested reply.</p></div></div>
  </li></ol></li>
 <li class="comment"><div class="body"><div class="text"><p>Second comment.</p></div></div></li>
</ol></body>"""


def test_template_ids_group_a_threads_items_at_any_depth():
    blocks = html_blocks(parse_html(THREAD))
    t = template_ids(blocks)
    by_text = dict(zip((b.text for b in blocks), t.tolist()))
    assert by_text["First comment."] == by_text["A nested reply."] == by_text["Second comment."]
    assert by_text["One."] == by_text["Three."] != by_text["First comment."]
    assert template_ids([Block("x"), Block("y")]).tolist() == [0, 0]  # plain text: one template


def test_repetition_features_tell_a_thread_from_an_article():
    blocks = html_blocks(parse_html(THREAD))
    chars = np.array([len(b.text) for b in blocks], dtype=float)
    cols = repetition_features(blocks, container_ids(blocks), chars)
    r = cols.matrix(np.float64)
    assert r.shape == (len(blocks), len(cols.names))
    row = {b.text: r[i] for i, b in enumerate(blocks)}
    # three paragraphs of one article: three blocks, three elements, one parent
    assert np.allclose(row["Two."][:4], np.log1p([3, 3, 1, 1])) and row["Two."][4] == 1 / 3
    # three comments: three blocks, each in a parent of its own
    assert np.allclose(row["A nested reply."][:3], np.log1p([3, 3, 3])) and row["A nested reply."][4] == 1.0
    assert np.isclose(row["One."][5], sum(len(t) for t in ("One.", "Two.", "Three.")) / chars.sum())


def test_text_of_one_container_templates_before_a_thread_and_none_before_a_forum_post():
    blocks = html_blocks(parse_html(THREAD))
    chars = np.array([len(b.text) for b in blocks], dtype=float)
    cols = repetition_features(blocks, container_ids(blocks), chars)
    before, after = cols.column("single_container_text_before"), cols.column("single_container_text_after")
    row = {b.text: i for i, b in enumerate(blocks)}
    article = sum(len(blocks[row[t]].text) for t in ("Title", "One.", "Two.", "Three."))
    # a comment under the article has the article's text before it, none after
    assert np.isclose(before[row["Second comment."]], article / chars.sum())
    assert after[row["First comment."]] == 0.0
    assert before[row["Title"]] == 0.0 and after[row["Title"]] > 0
    forum = html_blocks(parse_html(THREAD.split("</article>")[1]))  # the thread alone: a forum page
    fchars = np.array([len(b.text) for b in forum], dtype=float)
    fcols = repetition_features(forum, container_ids(forum), fchars)
    assert np.all(fcols.column("single_container_text_before") == 0.0)


def test_cue_flags_find_disclaimer_comment_and_contact_cues():
    from storysift.features import CUES, cue_flags

    flags = cue_flags(["Impressum", "Foto: dpa", "Antworten", "Tel: 0123 456", "Plain prose about a city."])
    on = [{CUES[k] for k in np.flatnonzero(row)} for row in flags]
    assert on == [{"legal"}, {"credit"}, {"comment"}, {"contact"}, set()]


def test_cue_flags_land_on_their_blocks_after_a_letter_whose_lower_case_is_longer():
    from storysift.features import CUES, cue_flags, lower_keeping_offsets

    assert lower_keeping_offsets("İSTANBUL Privacy") == "İstanbul privacy"
    assert len(lower_keeping_offsets("İİİ abc")) == len("İİİ abc")
    texts = ["İ" * 40, "Privacy Policy", "Harbour news of the day, told at length " * 3]
    flags = cue_flags(texts)
    found = [i for i in range(len(CUES)) if flags[1, i] > 0]
    assert found and not flags[2, found].any()  # lower-casing the İs first shifted them onto the third block


def test_lead_cue_flags_read_only_a_blocks_first_two_words():
    from storysift.features import CUES, cue_flags, lead_cue_flags

    texts = [
        "See also\xa0 AP Race Call: Republican wins",
        "Photo: Jane Doe/AP",
        "© 2024 Example Media",
        "Kristin says",
        "The reporters of the AP saw the photo, see also the copyright.",
    ]
    on = [{CUES[k] for k in np.flatnonzero(row)} for row in lead_cue_flags(texts)]
    assert on == [{"nav"}, {"credit"}, {"copyright", "date"}, {"comment"}, set()]
    assert cue_flags(texts)[4].sum() >= 3  # the same words further in are cues, not lead cues
