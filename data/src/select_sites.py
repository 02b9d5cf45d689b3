"""Pick whole sites of real corpus pages to label with four labels, for the site-adaptation benchmark.

    python data/src/select_sites.py > data/sites/pages.tsv

bench/adapt.py adapts on a site's first k pages (in id order) and scores its other pages; on the corpora's
own labels (gold-text alignment, story or not) that score is bounded by alignment noise (short menu words
found in the gold text, paragraphs missing from it), so these sites get four-label sidecars as well
(`python data/src/worksheet.py import X.rules -o data/sites`, into data/sites/labels/<corpus>/). The sites
come from corpora the shipped model may not train on (l3s-gn1, cleanportaleval): the sidecars only ever
score adaptation, never train. Four sites of different templates (a news site with reader comments in the
story's own container, two news sites, a blog), their first PAGES_PER_SITE pages. Output: corpus/id, site,
page type, split ("labels").
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "src"))

from select_pages import CORPORA

from storysift.gold.corpora import read_records, site_of

SITES = {
    "l3s-gn1": ("telegraph.co.uk", "news.com.au"),
    "cleanportaleval": ("washingtonpost.com_blog1", "tv.msnbc.com_news"),
}
# the other sites of the two corpora with at least 8 pages (bench/adapt.py's), labeled second: every site
# the benchmark adapts to on these corpora is then scored on clean four-label pages as well
MORE_SITES = {
    "l3s-gn1": ("canada.com", "news.bbc.co.uk", "earthtimes.org", "afp.google.com", "reuters.com"),
    "cleanportaleval": ("bbc.co.uk_news", "blogs.wsj.com_brussels"),
}
PAGES_PER_SITE = 9


def main() -> int:
    print("page\tsite\ttype\tsplit")
    for corpus, sites in [*SITES.items(), *MORE_SITES.items()]:
        records = read_records(CORPORA / corpus)
        for site in sites:
            ids = sorted(page_id for page_id, rec in records.items() if site_of(rec, page_id) == site)
            for page_id in ids[:PAGES_PER_SITE]:
                print(f"{corpus}/{page_id}\t{site}\tsite\tlabels")
    return 0


if __name__ == "__main__":
    sys.exit(main())
