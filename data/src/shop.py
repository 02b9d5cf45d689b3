"""Shop pages: product and category pages in a modern shop's layout (text in shop_text.py), built on
request (`python data/src/build.py --shop DIR`), not part of data/pages (data/README.md says why).

What real shop pages lose most is taught here: as plain text their menus, currency pickers, cart and
wish-list drawers, size and colour lists and price rows all read alike, and only where they stand tells a
product's own options (story) from a mega menu's categories (nav), a review summary (comment) from a
description, another product's tile (nav) from a category page's entry (story). Each part appears with a
page's own chance and in one of a few orders, so no fixed sequence of parts is there to learn.
"""

from __future__ import annotations

from chrome import CHROME
from disclaimers import legal_row
from markup import Markup, body_paragraph, cookie_banner, esc, head, links
from shop_text import SHOP_CHROME


def _items(m: Markup, texts: list[str], *, label: str, cls: str, tag: str = "ul") -> str:
    """A list whose items are plain text (not links): options, specs rows, reviewer details."""
    return m.el(tag, "".join(f"<li>{esc(t)}</li>" for t in texts), label=label, cls=cls)


def _buttons(m: Markup, texts: list[str], *, label: str, cls: str) -> str:
    return m.el("div", "".join(m.el("button", esc(t)) for t in texts), label=label, cls=cls)


def announcement(m: Markup, s: dict) -> str:
    return m.el("div", m.el("p", esc(m.rng.choice(s["announce"]))), label="nav", cls="announcement-bar")


def locale_picker(m: Markup, s: dict) -> str:
    inner = m.el("span", esc(s["locale_head"])) + links(m, s["locales"], label="nav", cls="locale-list")
    return m.el("div", inner, label="nav", cls="locale-selector")


def shop_header(m: Markup, s: dict, site: str) -> str:
    rng = m.rng
    parts = [m.el("div", f'<a href="/">{esc(site)}</a>', label="nav", cls="logo")]
    parts.append(links(m, s["account"], label="nav", cls="header-actions", as_list=rng.random() < 0.5))
    menu = links(m, s["menu"], label="nav", cls="primary-menu")
    if rng.random() < 0.6:
        # a mega menu: every category's heading and links, all in the page's text before the content
        columns = "".join(
            m.el("div", m.el("h4", esc(head_)) + links(m, items, label="nav", cls="mega-links"), cls="mega-column")
            for head_, items in s["mega"].items()
        )
        menu += m.el("div", columns, label="nav", cls="mega-menu")
    parts.append(m.section("nav", menu, label="nav", cls="site-nav"))
    return m.section("header", "".join(parts), cls="shop-header")


def cart_drawer(m: Markup, s: dict) -> str:
    inner = m.el("h3", esc(s["drawer_head"])) + "".join(m.el("p", esc(t)) for t in s["drawer"][:2])
    inner += _buttons(m, s["drawer"][2:], label="nav", cls="drawer-actions")
    return m.el("aside", inner, label="nav", cls="cart-drawer")


def breadcrumb(m: Markup, s: dict, last: str) -> str:
    trail = [s["menu"][1], next(iter(s["mega"])), last]
    return links(m, trail, label="nav", cls="breadcrumb", as_list=m.rng.random() < 0.5, sep=" / ")


def decimal(s: dict, x: float) -> str:
    """x with one decimal, written as the shop's language writes it."""
    return f"{x:.1f}".replace(".", s["decimal"])


def star_line(s: dict, rating: float) -> str:
    return s["summary"].format(r=decimal(s, rating))


def product_tiles(m: Markup, s: dict, heading: str, others: list[tuple[str, str]], cls: str) -> str:
    """Other products' tiles (name, price, a badge now and then): nav, pointers to other pages."""
    rng = m.rng
    tiles = []
    for name, price in others:
        badge = m.el("span", esc(rng.choice(s["badges"])), cls="badge") if rng.random() < 0.3 else ""
        inner = badge + m.el("a", esc(name), href="/p") + m.el("span", esc(price), cls="tile-price")
        if rng.random() < 0.4:
            inner += m.el("button", esc(s["quick"]))
        tiles.append(m.el("div", inner, cls="product-tile"))
    return m.section("section", m.el("h2", esc(heading)) + "".join(tiles), label="nav", cls=cls)


def newsletter(m: Markup, s: dict) -> str:
    inner = m.el("p", esc(s["newsletter"])) + m.el("button", esc(s["subscribe"])) + '<input type="email">'
    return m.el("form", inner, label="nav", cls="newsletter")


def shop_footer(m: Markup, s: dict, c: dict) -> str:
    rng = m.rng
    parts = [
        m.el("h4", esc(s["service_head"]), label="nav"),
        links(m, s["service"], label="nav", cls="service-links"),
    ]
    if rng.random() < 0.7:
        parts.append(m.el("h4", esc(s["payments_head"]), label="nav"))
        parts.append(_items(m, s["payments"], label="nav", cls="payment-icons"))
    if rng.random() < 0.6:
        parts.append(m.el("p", esc(s["trust"]), label="nav", cls="trust-badge"))
    if rng.random() < 0.4:
        parts.append(m.el("address", esc(c["address"]), label="disclaimer"))
    parts.append(
        links(m, legal_row(m.lang, m.salt, c), label="disclaimer", cls="legal-links", as_list=rng.random() < 0.5)
    )
    if rng.random() < 0.7:
        parts.append(m.el("p", esc(s["vat"]), label="disclaimer", cls="tax-note"))
    parts.append(m.el("p", esc(c["copyright"]), label="disclaimer", cls="copyright"))
    return m.section("footer", "".join(parts), cls="shop-footer")


def overlays(m: Markup, s: dict, c: dict) -> str:
    """What a shop page carries after its footer: a sign-up pop-up and a preferences prompt (nav), a
    cookie banner (disclaimer), each on some pages."""
    out = ""
    for chance, key, cls in ((0.4, "popup", "signup-modal"), (0.3, "prefs", "preferences-prompt")):
        if m.rng.random() < chance:
            inner = m.el("p", esc(s[key])) + _buttons(m, s[f"{key}_btns"], label="nav", cls=f"{key}-btns")
            out += m.el("div", inner, label="nav", cls=cls)
    if m.rng.random() < 0.5:
        out += cookie_banner(m, c)
    return out


def buy_box(p: dict, m: Markup, s: dict, rating: float, n_reviews: int) -> str:
    """Name, price, options and the buying widgets of a product page: the product's own facts are story,
    the widgets to act on nav, the rating summary comment."""
    rng = m.rng
    parts = []
    if rng.random() < 0.5:
        parts.append(m.el("p", esc(p["brand"]), label="story", cls="product-brand"))
    parts.append(m.el("h1", esc(p["title"]), label="story", cls="product-title"))
    if rng.random() < 0.6:
        parts.append(m.el("p", esc(s["sku"].format(sku=p["sku"])), label="story", cls="sku"))
    if rng.random() < 0.7:
        parts.append(
            m.el(
                "div",
                m.el("span", esc(star_line(s, rating))) + " " + m.el("a", f"({n_reviews})", href="#reviews"),
                label="comment",
                cls="rating-summary",
            )
        )
    price = m.el("span", esc(p["price"]), cls="price")
    if p["old_price"]:
        price += " " + m.el("s", esc(p["old_price"]), cls="was-price")
    parts.append(m.el("div", price, label="story", cls="price-row"))
    if p["old_price"] and rng.random() < 0.6:
        parts.append(m.el("span", esc(s["badges"][0]), label="nav", cls="badge"))
    if rng.random() < 0.5:
        parts.append(m.el("p", esc(s["instalments"].format(p=p["price"])), label="nav", cls="instalments"))
    if rng.random() < 0.4:
        parts.append(m.el("p", esc(s["viewing"].format(n=rng.randint(3, 40))), label="nav", cls="urgency"))
    colour = rng.choice(p["colours"])
    parts.append(m.el("p", f"{esc(s['colour'])}: {esc(colour)}", label="story", cls="option-label"))
    parts.append(_items(m, p["colours"], label="story", cls="swatches"))
    if p["sizes"]:
        parts.append(m.el("p", esc(s["size"]), label="story", cls="option-label"))
        parts.append(_items(m, p["sizes"], label="story", cls="size-options"))
        parts.append(m.el("a", esc(s["size_guide"]), label="nav", href="/size-guide"))
    stock = s["few_left"].format(n=rng.randint(2, 5)) if rng.random() < 0.3 else s["in_stock"]
    parts.append(m.el("p", esc(stock), label="story", cls="stock"))
    widgets = m.el("label", esc(s["qty"])) + '<input type="number" value="1">' + m.el("button", esc(s["add"]))
    widgets += m.el("button", esc(s["wish"]))
    if rng.random() < 0.5:
        widgets += m.el("a", esc(s["store"]), href="/stores")
    parts.append(m.el("form", widgets, label="nav", cls="add-to-cart"))
    if rng.random() < 0.7:
        parts.append(m.el("p", esc(s["delivery"]), label="story", cls="delivery"))
        parts.append(m.el("p", esc(s["returns"]), label="story", cls="returns"))
    return m.el("div", "".join(parts), cls="product-info")


def gallery(m: Markup, s: dict) -> str:
    n = len(s["gallery"])
    inner = m.el("span", esc(s["gallery_count"].format(i=1, n=n)), cls="counter")
    inner += _buttons(m, s["gallery"], label="nav", cls="thumbnails")
    if m.rng.random() < 0.5:
        inner += m.el("p", esc(s["zoom"]))
    return m.el("div", inner, label="nav", cls="product-gallery")


def details(p: dict, m: Markup, s: dict, n_reviews: int) -> str:
    """Tabs (nav), the description and the specs table (story)."""
    parts = []
    if m.rng.random() < 0.5:
        tabs = [t.format(n=n_reviews) for t in s["tabs"]]
        parts.append(_buttons(m, tabs, label="nav", cls="tabs"))
    parts += [body_paragraph(m, x) for x in p["paragraphs"]]
    if m.rng.random() < 0.5:
        rows = "".join(f"<tr><th>{esc(k)}</th><td>{esc(v)}</td></tr>" for k, v in p["specs"])
        parts.append(m.el("table", rows, label="story", cls="specs"))
    else:
        rows = "".join(f"<dt>{esc(k)}</dt><dd>{esc(v)}</dd>" for k, v in p["specs"])
        parts.append(m.el("dl", rows, label="story", cls="specs"))
    return m.section("section", "".join(parts), cls="product-details")


def reviews(p: dict, m: Markup, s: dict, rating: float, n_reviews: int) -> str:
    """Customer reviews with everything around them: summary, histogram, fit, sort, reviewer details,
    helpfulness votes, more and write buttons (all comment, convention 7)."""
    rng = m.rng
    parts = [m.el("h2", esc(s["reviews_head"]))]
    parts.append(m.el("p", esc(star_line(s, rating))))
    parts.append(m.el("p", esc(s["based"].format(n=n_reviews))))
    if rng.random() < 0.7:
        counts = sorted((rng.randint(0, n_reviews) for _ in range(5)), reverse=True)
        rows = [f"{s['stars'].format(s=k)} ({n})" for k, n in zip(range(5, 0, -1), counts)]
        parts.append(_items(m, rows, label=None, cls="histogram"))
    if p["sizes"] and rng.random() < 0.7:
        parts.append(m.el("p", esc(s["fit"].format(p=rng.randint(60, 92)))))
        parts.append(_items(m, s["fit_scale"], label=None, cls="fit-scale"))
    if rng.random() < 0.5:
        parts.append(_buttons(m, s["sort_reviews"], label=None, cls="review-sort"))
    for author, stars, title, text in p["reviews"]:
        inner = m.el("span", esc(author), cls="review-author")
        if rng.random() < 0.6:
            inner += m.el("span", esc(s["verified"]), cls="verified")
        if rng.random() < 0.5:
            attrs = rng.sample(s["attrs"], 2)
            inner += _items(m, [f"{k}: {v}" for k, v in attrs], label=None, cls="reviewer-details")
        inner += m.el("p", esc(s["stars"].format(s=stars)), cls="review-stars")
        inner += m.el("h3", esc(title)) + m.el("p", esc(text))
        if stars >= 4 and rng.random() < 0.5:
            inner += m.el("p", esc(s["recommend"]))
        if rng.random() < 0.7:
            votes = [t.format(y=rng.randint(0, 30), n=rng.randint(0, 5)) for t in s["yes_no"]]
            inner += m.el("p", esc(s["helpful"])) + _buttons(m, votes + [s["report"]], label=None, cls="votes")
        parts.append(m.el("div", inner, cls="review"))
    parts.append(m.el("button", esc(s["more_reviews"])))
    parts.append(m.el("a", esc(s["write"]), href="/review"))
    return m.section("section", "".join(parts), label="comment", cls="reviews")


def shop_product_page(p: dict, m: Markup) -> str:
    s, c, rng = SHOP_CHROME[p["lang"]], CHROME[p["lang"]], m.rng
    rating = round(rng.uniform(3.6, 4.9), 1)
    n_reviews = rng.randint(len(p["reviews"]), 400)
    top = ""
    if rng.random() < 0.7:
        top += announcement(m, s)
    if rng.random() < 0.5:
        top += locale_picker(m, s)
    top += shop_header(m, s, p["brand"] if rng.random() < 0.3 else "Trailhead Outfitters")
    drawer_first = rng.random() < 0.5
    if rng.random() < 0.4 and drawer_first:
        top += cart_drawer(m, s)
    main = [breadcrumb(m, s, p["title"])]
    if rng.random() < 0.6:
        main.append(gallery(m, s))
    main.append(buy_box(p, m, s, rating, n_reviews))
    rest = [details(p, m, s, n_reviews), reviews(p, m, s, rating, n_reviews)]
    tiles = product_tiles(m, s, s["also"], p["others"], "cross-sell")
    rest.insert(rng.choice((1, 2)), tiles)
    main += rest
    if rng.random() < 0.4:
        main.append(product_tiles(m, s, s["recent"], rng.sample(p["others"], 2), "recently-viewed"))
    bottom = newsletter(m, s) if rng.random() < 0.6 else ""
    bottom += shop_footer(m, s, c)
    if rng.random() < 0.4 and not drawer_first:
        bottom += cart_drawer(m, s)
    bottom += overlays(m, s, c)
    body = top + m.section("main", "".join(main), cls="product-page") + bottom
    return head(p["title"], p["lang"]) + "<body>" + body + "</body></html>"


def filters(m: Markup, s: dict) -> str:
    """A category page's filter panel: facet headings and options with counts, all nav."""
    rng = m.rng
    parts = [m.el("h3", esc(s["filter_head"]))]
    for facet, options in s["filters"].items():
        parts.append(m.el("h4", esc(facet)))
        parts.append(links(m, [f"{o} ({rng.randint(1, 60)})" for o in options], label="nav", cls="facet"))
    if rng.random() < 0.5:
        parts.append(m.el("button", esc(s["clear"])))
    return m.el("aside", "".join(parts), label="nav", cls="filters")


def entry(m: Markup, s: dict, item: tuple[str, str, str], attrs: list[tuple[str, list[str]]]) -> str:
    """One entry of the list a category page exists for: name, description, price and key facts are story
    (convention 9); a badge and the buttons are nav, its rating (stars, a bare "4.5", a review count) comment
    (convention 7)."""
    rng = m.rng
    name, blurb, price = item
    inner = ""
    if rng.random() < 0.3:
        inner += m.el("span", esc(rng.choice(s["badges"])), label="nav", cls="badge")
    inner += m.el("h3", f'<a href="/p">{esc(name)}</a>', label="story", cls="entry-name")
    if rng.random() < 0.8:
        inner += m.el("p", esc(blurb), label="story", cls="entry-blurb")
    inner += m.el("p", esc(price), label="story", cls="entry-price")
    if rng.random() < 0.6:
        facts = [(key, rng.choice(values)) for key, values in rng.sample(attrs, rng.randint(1, len(attrs)))]
        if rng.random() < 0.5:
            inner += m.el("ul", "".join(f"<li>{esc(k)}: {esc(v)}</li>" for k, v in facts), label="story", cls="facts")
        else:
            rows = "".join(f"<dt>{esc(k)}:</dt><dd>{esc(v)}</dd>" for k, v in facts)
            inner += m.el("dl", rows, label="story", cls="facts")
    if rng.random() < 0.6:
        text = rng.choice(s["entry_rating"]).format(r=decimal(s, rng.uniform(3.2, 4.9)), n=rng.randint(1, 300))
        inner += m.el("p", esc(text), label="comment", cls="entry-rating")
    if rng.random() < 0.5:
        button = rng.choice((s["quick"], s["add"], s["wish"], s["compare"].format(name=name)))
        inner += m.el("button", esc(button), label="nav")
    return m.el("div", inner, cls="product-card")


def shop_listing_page(ls: dict, m: Markup) -> str:
    s, c, rng = SHOP_CHROME[ls["lang"]], CHROME[ls["lang"]], m.rng
    top = announcement(m, s) if rng.random() < 0.7 else ""
    if rng.random() < 0.4:
        top += locale_picker(m, s)
    top += shop_header(m, s, "Trailhead Outfitters")
    main = [breadcrumb(m, s, ls["title"]), m.el("h1", esc(ls["title"]), label="story")]
    if rng.random() < 0.8:
        main.append(m.el("p", esc(ls["intro"]), label="story", cls="category-intro"))
    n = rng.randint(len(ls["entries"]) + 10, 240)
    toolbar = m.el("span", esc(s["results"].format(n=n)), label="nav", cls="result-count")
    toolbar += m.el(
        "div",
        m.el("span", esc(s["sort"])) + links(m, s["sorts"], label="nav", cls="sort-options"),
        label="nav",
        cls="sort",
    )
    grid = "".join(entry(m, s, e, ls["attrs"]) for e in ls["entries"])
    side = filters(m, s)
    listing = (side + toolbar + grid) if rng.random() < 0.6 else (toolbar + grid + side)
    main.append(m.el("div", listing, cls="listing"))
    if rng.random() < 0.5:
        main.append(links(m, s["pager"], label="nav", cls="pagination", as_list=rng.random() < 0.5, sep=" "))
    else:
        shown = s["shown"].format(a=len(ls["entries"]), b=n)
        main.append(
            m.el("div", m.el("p", esc(shown)) + m.el("button", esc(s["load_more"])), label="nav", cls="load-more")
        )
    if rng.random() < 0.7:
        main += [body_paragraph(m, x) for x in ls["outro"]]
    bottom = newsletter(m, s) if rng.random() < 0.6 else ""
    bottom += shop_footer(m, s, c) + overlays(m, s, c)
    body = top + m.section("main", "".join(main), cls="category-page") + bottom
    return head(ls["title"], ls["lang"]) + "<body>" + body + "</body></html>"
