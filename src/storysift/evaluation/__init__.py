"""Scoring a model on gold pages: per-label metrics, the evaluation report and its text/Markdown form."""
