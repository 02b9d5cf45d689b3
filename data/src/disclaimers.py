"""Variants of the generated pages' disclaimers, so that no one sentence stands for its kind.

chrome.py has one photo credit, one wire credit, one editor's note, one affiliate disclosure and one row
of legal links per language; a model trained on them learns those strings. Here each has many forms
(photographers, agencies, corrections, disclosure wordings, a site's own choice of legal links), picked
per page by a generator of its own, seeded by the page's salt, so the rest of the page is composed as
before.
"""

from __future__ import annotations

import random

NAMES = {
    "en": ["Lena Park", "Tom Ekwueme", "Sara Lindqvist", "Daniel Ortega", "Mei Chen", "Ravi Patel"],
    "de": ["Max Berger", "Jana Kowalski", "Emre Yilmaz", "Sophie Brandt", "Lukas Hofer"],
    "fr": ["Marc Lefèvre", "Amina Diallo", "Claire Dubois", "Hugo Martin"],
    "es": ["Pablo Ruiz", "Lucía Fernández", "Diego Navarro", "Carmen Soler"],
}

SOURCES = {
    "en": ["Harbour Daily", "Getty Images", "AP", "Reuters", "Shutterstock", "AFP via Getty Images", "Unsplash"],
    "de": ["Stadtanzeiger", "dpa", "picture alliance", "imago images", "Getty Images", "privat"],
    "fr": ["Le Courrier", "AFP", "Reuters", "Hans Lucas", "Getty Images"],
    "es": ["Diario del Puerto", "EFE", "Europa Press", "Getty Images", "Archivo"],
}

FORMS = {
    "credit": {
        "en": [
            "Photo: {n} / {s}",
            "(Image credit: {s})",
            "Photograph: {n}/{s}",
            "{n} / {s}",
            "Credit: {n} for {s}",
            "Image: {s}",
            "Photo by {n} on {s}",
            "Illustration by {n}",
        ],
        "de": ["Foto: {n} / {s}", "(Bild: {n})", "Bild: {s}", "© {s}", "Foto: {s}/{n}", "Symbolbild: {s}"],
        "fr": ["Photo : {n} / {s}", "© {s}", "Crédit photo : {n}", "({s})", "Illustration : {n}", "Photo {s}"],
        "es": ["Foto: {n} / {s}", "Imagen: {s}", "(Foto: {n})", "© {s}", "Fotografía: {n} ({s})"],
    },
    "wire": {
        "en": [
            "The Associated Press contributed to this report.",
            "Reuters contributed reporting.",
            "Additional reporting by {n}; editing by {m}.",
            "This story was originally published by {s}.",
            "AFP contributed to this report.",
            "Associated Press writer {n} contributed from Washington.",
        ],
        "de": [
            "Mit Material von dpa.",
            "Mit Material von dpa und AFP.",
            "(dpa/AFP)",
            "Quelle: dpa",
            "mit Agenturmaterial",
            "Dieser Text erschien zuerst bei {s}.",
        ],
        "fr": [
            "Avec AFP.",
            "Avec AFP et Reuters.",
            "(Avec AFP)",
            "Source : AFP",
            "Cet article a d'abord été publié par {s}.",
        ],
        "es": [
            "Con información de Europa Press.",
            "(EFE)",
            "Con información de agencias.",
            "Este artículo se publicó originalmente en {s}.",
        ],
    },
    "updated": {
        "en": [
            "Editor's note: This article was updated on March {d} to correct the number of bus routes.",
            "Correction: An earlier version of this story misstated the date of the council vote.",
            "This article was originally published on March {d} and has been updated.",
            "Update, March {d}: This story has been updated with a statement from the city.",
        ],
        "de": [
            "Hinweis der Redaktion: Dieser Artikel wurde am {d}. März aktualisiert.",
            "Korrektur: In einer früheren Version dieses Artikels stand ein falsches Datum.",
            "Aktualisiert am {d}.03.2026, 14:20 Uhr",
            "Dieser Beitrag erschien erstmals am {d}. März und wurde zuletzt überarbeitet.",
        ],
        "fr": [
            "Mise à jour le {d} avril à 8h15.",
            "Rectificatif : une version précédente de cet article indiquait une date erronée.",
            "Article mis à jour le {d}/04/2026.",
        ],
        "es": [
            "Actualizado a las 14:05.",
            "Fe de errores: una versión anterior de este artículo indicaba otra fecha.",
            "Noticia actualizada el {d} de marzo.",
        ],
    },
    "affiliate": {
        "en": [
            "As an Amazon Associate we earn from qualifying purchases. Some links in this post are affiliate links.",
            "We may earn a commission when you buy through links on our site.",
            "This post contains affiliate links. If you buy through them, we may earn a small commission at no"
            " extra cost to you.",
            "Disclosure: Some of the links below are affiliate links.",
            "Our editors choose every product independently. Purchases made through links earn us a commission.",
        ],
        "de": [
            "Dieser Beitrag enthält Affiliate-Links. Wenn du darüber etwas kaufst, erhalte ich eine kleine Provision.",
            "*Affiliate-Link: Beim Kauf über diesen Link erhalten wir eine Provision.",
            "Transparenzhinweis: Dieser Artikel enthält Werbelinks.",
        ],
        "fr": [
            "Cet article contient des liens affiliés : nous touchons une commission sur les achats effectués.",
            "Lien affilié : nous percevons une commission en cas d'achat, sans surcoût pour vous.",
        ],
        "es": [
            "Este artículo contiene enlaces de afiliados.",
            "Los enlaces de este artículo son de afiliados: si compras a través de ellos, recibimos una comisión.",
        ],
    },
}

LEGAL = {
    "en": [
        "Privacy Policy",
        "Terms of Use",
        "Terms of Service",
        "Cookie Settings",
        "Cookie Policy",
        "AdChoices",
        "Do Not Sell My Personal Information",
        "Your Privacy Choices",
        "Code of Conduct",
        "Community Guidelines",
        "User Agreement",
        "Editorial Standards",
        "Ethics Policy",
        "Disclosure Policy",
        "About Our Ads",
        "Copyright Policy",
        "Manage Consent",
    ],
    "de": [
        "Impressum",
        "Datenschutz",
        "Datenschutzerklärung",
        "AGB",
        "Cookie-Einstellungen",
        "Nutzungsbedingungen",
        "Widerrufsbelehrung",
        "Netiquette",
        "Privatsphäre-Einstellungen",
        "Verhaltenskodex",
    ],
    "fr": [
        "Mentions légales",
        "Politique de confidentialité",
        "Gestion des cookies",
        "CGU",
        "CGV",
        "Charte de modération",
        "Données personnelles",
        "Paramètres de consentement",
    ],
    "es": [
        "Aviso legal",
        "Política de privacidad",
        "Política de cookies",
        "Condiciones de uso",
        "Configuración de cookies",
        "Normas de participación",
        "Términos y condiciones",
    ],
}


def variant(lang: str, salt: str, chrome: dict, key: str) -> str:
    """One form of chrome[key] ("credit", "wire", "updated", "affiliate") for a page, chosen by a generator
    seeded by its salt and the key (chrome's own string for a language without forms here)."""
    forms = FORMS[key].get(lang)
    if not forms:
        return chrome[key]
    rng = random.Random(f"{salt}-{key}")
    n, m = rng.sample(NAMES[lang], 2)
    return rng.choice(forms).format(n=n, m=m, s=rng.choice(SOURCES[lang]), d=rng.randint(2, 28))


def legal_row(lang: str, salt: str, chrome: dict) -> list[str]:
    """A page's row of legal links: three to six of its language's, in a fixed order."""
    pool = LEGAL.get(lang)
    if not pool:
        return chrome["legal"]
    rng = random.Random(f"{salt}-legal")
    chosen = set(rng.sample(pool, rng.randint(3, min(6, len(pool)))))
    return [x for x in pool if x in chosen]
