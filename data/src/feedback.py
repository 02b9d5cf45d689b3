"""Small comment sets for article pages without a comment section: a reader-feedback widget, a star
rating, "Report an error", "Comments are closed", a lone "Leave a comment" button (`comment`, conventions
6, 14, 17 and 18), one or two of them, among the share, tag and navigation rows at the article's end.

Many real pages have nothing else of the comment label, and a model trained mostly on long comment
sections misses these few blocks among their nav-like neighbours.
"""

from __future__ import annotations

import random

from markup import Markup, esc

FEEDBACK = {
    "en": dict(
        helpful=["Was this article helpful?", "Did you find this article useful?", "How useful was this post?"],
        buttons=[["Yes", "No"], ["👍", "👎"], ["Yes, thanks", "Not really"]],
        thanks="Thanks for your feedback!",
        closed="Comments are closed.",
        leave="Leave a comment",
        report="Report an error",
        rate="Rate this article",
    ),
    "de": dict(
        helpful=["War dieser Artikel hilfreich?", "Hat Ihnen dieser Beitrag gefallen?"],
        buttons=[["Ja", "Nein"], ["👍", "👎"]],
        thanks="Danke für Ihr Feedback!",
        closed="Die Kommentarfunktion ist geschlossen.",
        leave="Kommentar schreiben",
        report="Fehler melden",
        rate="Artikel bewerten",
    ),
    "fr": dict(
        helpful=["Cet article vous a-t-il été utile ?", "Avez-vous trouvé cet article utile ?"],
        buttons=[["Oui", "Non"], ["👍", "👎"]],
        thanks="Merci pour votre retour !",
        closed="Les commentaires sont fermés.",
        leave="Laisser un commentaire",
        report="Signaler une erreur",
        rate="Noter cet article",
    ),
    "es": dict(
        helpful=["¿Te ha resultado útil este artículo?", "¿Te ha gustado este artículo?"],
        buttons=[["Sí", "No"], ["👍", "👎"]],
        thanks="¡Gracias por tu opinión!",
        closed="Los comentarios están cerrados.",
        leave="Deja un comentario",
        report="Informar de un error",
        rate="Valora este artículo",
    ),
}


def small_comment_set(m: Markup, chrome: dict) -> str:
    """One or two small comment widgets for a page without a comment section, worded and chosen by a
    generator seeded by the page's salt (so the rest of the page is composed as before)."""
    rng = random.Random(f"{m.salt}-feedback")
    f = FEEDBACK.get(m.lang)
    if f is None:
        buttons = "".join(m.el("button", esc(b)) for b in chrome["helpful_btns"])
        return m.el("div", m.el("p", esc(chrome["helpful"])) + buttons, label="comment", cls="feedback")
    widgets = []
    for kind in rng.sample(["helpful", "closed", "leave", "report", "rate"], rng.choice((1, 1, 2))):
        if kind == "helpful":
            inner = m.el("p", esc(rng.choice(f["helpful"]))) + "".join(
                m.el("button", esc(b)) for b in rng.choice(f["buttons"])
            )
            if rng.random() < 0.3:
                inner += m.el("p", esc(f["thanks"]), cls="hidden")
            widgets.append(m.el("div", inner, label="comment", cls="article-feedback"))
        elif kind == "rate":
            inner = m.el("span", esc(f["rate"])) + " " + m.el("span", "★★★★★", cls="stars")
            widgets.append(m.el("div", inner, label="comment", cls="post-rating"))
        elif kind == "closed":
            widgets.append(m.el("p", esc(f["closed"]), label="comment", cls="comments-closed"))
        else:
            widgets.append(m.el("a", esc(f[kind]), label="comment", cls=f"{kind}-link", href=f"/{kind}"))
    return "".join(widgets)
