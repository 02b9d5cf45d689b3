"""Markup helpers and page parts shared by the page builders: one Markup per page renders elements in its
style."""

from __future__ import annotations

import hashlib
import html
import random


class Markup:
    """Builds elements in one markup style; `cls` names are semantic and rendered per style."""

    def __init__(self, style: str, html5: bool, rng: random.Random, salt: str = "", lang: str = "") -> None:
        self.style = style
        self.html5 = html5
        self.rng = rng
        # obfuscated names are hashed with a per-page salt, as CSS-in-JS builds differ from site to site:
        # one hash per semantic class on every page would teach the model the hash
        self.salt = salt
        self.lang = lang  # the page's language, for its disclaimers' wordings (disclaimers.py)

    def attrs(self, cls: str | None, extra: dict | None = None) -> str:
        parts = []
        if cls and self.style == "semantic":
            parts.append(f'class="{cls}"')
        elif cls and self.style == "obfuscated":
            digest = hashlib.md5((self.salt + cls).encode()).hexdigest()[:6]
            parts.append(f'class="css-{digest} e{digest[:2]}x{len(cls)}"')
        for k, v in (extra or {}).items():
            parts.append(f'{k}="{html.escape(str(v), quote=True)}"')
        return (" " + " ".join(parts)) if parts else ""

    def el(self, tag: str, inner: str, *, label: str | None = None, cls: str | None = None, **extra) -> str:
        if label:
            extra = {"data-label": label, **extra}
        return f"<{tag}{self.attrs(cls, extra)}>{inner}</{tag}>"

    def section(self, html5_tag: str, inner: str, *, label: str | None = None, cls: str | None = None) -> str:
        return self.el(html5_tag if self.html5 else "div", inner, label=label, cls=cls)


def esc(text: str) -> str:
    return html.escape(text, quote=False)


def links(m: Markup, items: list[str], *, label: str, cls: str, as_list: bool = True, sep: str = " | ") -> str:
    if as_list:
        lis = "".join(f'<li><a href="/{i}">{esc(t)}</a></li>' for i, t in enumerate(items))
        return m.el("ul", lis, label=label, cls=cls)
    return m.el("div", sep.join(f'<a href="/{i}">{esc(t)}</a>' for i, t in enumerate(items)), label=label, cls=cls)


def body_paragraph(m: Markup, text: str) -> str:
    if text.startswith("## "):
        return m.el("h2", esc(text[3:]), label="story")
    if text.startswith("- "):
        return m.el("ul", "".join(f"<li>{esc(t.strip())}</li>" for t in text[2:].split(" | ")), label="story")
    if text.startswith("> "):
        return m.el("blockquote", f"<p>{esc(text[2:])}</p>", label="story")
    if text.startswith("``` "):
        return m.el("pre", f"<code>{esc(text[4:])}</code>", label="story")
    return m.el("p", esc(text), label="story")


def head(title: str, lang: str, charset: str = "utf-8") -> str:
    return (
        f'<!DOCTYPE html>\n<html lang="{lang}"><head><meta charset="{charset}"><title>{esc(title)}</title>'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        '<link rel="stylesheet" href="/static/site.css"><style>.hidden{display:none}</style>'
        "<script>window.dataLayer=window.dataLayer||[];function gtag(){dataLayer.push(arguments)}</script>"
        "</head>"
    )


def cookie_banner(m: Markup, c: dict) -> str:
    """A cookie and consent banner with its buttons (disclaimer), in the language of the chrome c."""
    buttons = "".join(m.el("button", esc(b), label="disclaimer") for b in c["cookie_btns"])
    return m.el(
        "div", m.el("p", esc(c["cookie"]), label="disclaimer") + buttons, cls="cookie-consent", label="disclaimer"
    )
