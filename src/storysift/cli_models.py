"""`storysift models`: the shipped model, the registered ones and given model files, with what their
metadata says (trained on what, when, adapted from which base, scores)."""

from __future__ import annotations

import argparse
import json
import sys

MODELS_EPILOG = """examples:
  storysift models                              the shipped model and those in the registry folder
                                                ($STORYSIFT_MODELS, else ~/.local/share/storysift/models)
  storysift models site.joblib --format json    and a model of yours
  storysift clean --model site.joblib page.html use it ("default" names the shipped model; a model
                                                in the registry folder is named by its file name: site)
"""


def add_models_parser(sub: argparse._SubParsersAction) -> None:
    """The models subcommand: what the shipped model and the given model files were trained on."""
    p_models = sub.add_parser(
        "models",
        help="list the shipped model and given model files with what they were trained on and their scores",
        epilog=MODELS_EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    p_models.add_argument(
        "models", nargs="*", help="model files (.joblib) to list after the shipped and registered ones"
    )
    p_models.add_argument("--format", choices=("text", "json"), default="text")


def cmd_models(args: argparse.Namespace) -> int:
    """List models: the shipped one and the given files, with what their metadata says."""
    from .model_io import model_path, read_metadata, registered_models, registry_dir

    rows = []
    names = ["default", *registered_models(), *args.models]
    if not args.quiet:
        print(f"(models by name: the shipped one and those in {registry_dir()})", file=sys.stderr)
    for name in dict.fromkeys(names):
        path = model_path(name)
        meta = read_metadata(path)
        rows.append({"name": name, "path": str(path), **_model_summary(meta)})
    if args.format == "json":
        print(json.dumps(rows, indent=1))
        return 0
    for row in rows:
        print(f"{row['name']}: {row['path']}")
        for key in ("sha256", "trained_at", "adapted_from", "trained_on", "scores"):
            if row.get(key):
                print(f"  {key.replace('_', ' ')}: {row[key]}")
    return 0


def _model_summary(meta: dict) -> dict:
    """The lines `storysift models` shows of a model's metadata."""
    sets = meta.get("training_sets") or meta.get("adaptation_sets") or []
    trained_on = ", ".join(f"{s['name']} ({s['pages_used']} pages)" for s in sets)
    base = meta.get("adapted_from")
    loo = meta.get("leave_one_out_scores")
    if loo:
        scores = (
            f"macro text F1 {loo['base']['macro_text_f1']} -> {loo['adapted']['macro_text_f1']} on "
            f"{loo['pages']} pages, each adapted by the other pages of its folder"
        )
    else:
        scores = "; ".join(
            f"macro text F1 {s['html']['macro_text_f1']} on {s['html']['pages']} held-out labeled pages ({path})"
            for path, s in (meta.get("held_out_label_scores") or {}).items()
            if s.get("html", {}).get("macro_text_f1") is not None
        )
    return {
        "sha256": str(meta.get("sha256", ""))[:12],
        "trained_at": meta.get("trained_at"),
        "adapted_from": f"{base['file']} (sha256 {str(base.get('sha256'))[:12]})" if base else None,
        "trained_on": trained_on,
        "scores": scores,
    }
