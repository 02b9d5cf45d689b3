"""Where labels come from: labeled pages, public corpora, and aligning a corpus's gold text to blocks.

Depends on the core only (blocks, parse, segment); training and evaluation read gold pages from here."""
