"""The review page: a local web page to label a page's blocks, starting from the model's labels, and save
them in a format `storysift train` and `evaluate` read (sidecars for corpus pages, data-label HTML for
your own pages)."""
