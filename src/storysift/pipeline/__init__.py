"""Cleaning many pages: input records (files, folders, JSONL, WARC), batch runs that account for every
record, and a Dask bag API. Depends on `storysift.api` and the core only."""
