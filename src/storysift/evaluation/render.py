"""Render an evaluation report as a text table or Markdown."""

from __future__ import annotations

from ..blocks import LABELS


def _num(x) -> str:
    return "-" if x is None else (f"{x:.3f}" if isinstance(x, float) else str(x))


def _score_cells(s: dict | None) -> list[str]:
    if not s:
        return ["-", "-", "-", "-"]
    return [_num(s["precision"]), _num(s["recall"]), _num(s["f1"]), _num(s["support"])]


def _table(header: list[str], rows: list[list[str]], markdown: bool) -> list[str]:
    if markdown:
        out = ["| " + " | ".join(header) + " |", "|" + "|".join("---" for _ in header) + "|"]
        out += ["| " + " | ".join(r) + " |" for r in rows]
        return out
    widths = [max(len(h), *(len(r[i]) for r in rows)) if rows else len(h) for i, h in enumerate(header)]
    fmt = "  ".join(f"{{:<{w}}}" if i == 0 else f"{{:>{w}}}" for i, w in enumerate(widths))
    return [fmt.format(*header)] + [fmt.format(*r) for r in rows]


def _heading(title: str, markdown: bool) -> str:
    return f"## {title}" if markdown else f"{title}\n" + "-" * len(title)


def _label_section(report: dict, markdown: bool) -> list[str]:
    """Per-label block and text scores, then micro and macro averages."""
    rows = []
    for label in LABELS:
        s = report["labels"][label]
        rows.append([label] + _score_cells(s["block"]) + _score_cells(s["text"]))
    for avg in ("micro", "macro"):
        b, t = report[avg]["block"], report[avg]["text"]
        rows.append(
            [avg]
            + _score_cells({**b, "support": None} if b else None)
            + _score_cells({**t, "support": None} if t else None)
        )
    lines = [_heading("Per label (block: per-block labels; text: 4-gram shingles, mean over pages)", markdown), ""]
    return lines + _table(
        ["label", "block P", "block R", "block F1", "blocks", "text P", "text R", "text F1", "pages"], rows, markdown
    )


def _confusion_section(report: dict, markdown: bool) -> list[str]:
    if not report["confusion"]:
        return []
    m = report["confusion"]["matrix"]
    rows = [[g] + [str(v) for v in row] for g, row in zip(LABELS, m)]
    return ["", _heading("Confusion (rows gold, columns predicted)", markdown), ""] + _table(
        ["gold \\ predicted", *LABELS], rows, markdown
    )


def _folder_section(report: dict, markdown: bool) -> list[str]:
    """Each folder's text F1 per label and macro F1 (`storysift evaluate --by-folder`)."""
    folders = report.get("folders")
    if not folders:
        return []
    rows = [
        [f["folder"], str(f["pages"])]
        + [_num(f["text"][label]["f1"] if f["text"][label] else None) for label in LABELS]
        + [_num(f["macro_f1"])]
        for f in folders
    ]
    title = "Per folder (text F1; - where neither gold nor prediction has the label's text)"
    lines = ["", _heading(title, markdown), ""]
    return lines + _table(["folder", "pages", *LABELS, "macro"], rows, markdown)


def _threshold_section(report: dict, markdown: bool) -> list[str]:
    """Story scores by threshold and the threshold chosen for --min-precision."""
    rows = [
        [f"{r['threshold']:.2f}"] + _score_cells(r["block"])[:3] + _score_cells(r["text"])[:3]
        for r in report["thresholds"]
    ]
    lines = ["", _heading("Story precision/recall by threshold", markdown), ""]
    lines += _table(["threshold", "block P", "block R", "block F1", "text P", "text R", "text F1"], rows, markdown)
    chosen = report.get("chosen_threshold")
    if chosen and chosen["threshold"] is None:
        lines += ["", f"no threshold reaches story precision {chosen['min_precision']} ({chosen['basis']} method)"]
    elif chosen:
        lines += [
            "",
            f"lowest threshold with story precision >= {chosen['min_precision']} ({chosen['basis']} "
            f"method): {chosen['threshold']:.2f} (precision {chosen['precision']:.3f}, recall "
            f"{chosen['recall']:.3f})",
        ]
    return lines


def _worst_section(report: dict, markdown: bool) -> list[str]:
    """The pages with the lowest precision and recall of the report's worst-pages label, with what leaked
    in (and what it was) or was lost (and what it was called)."""
    worst = report["worst_pages"]
    label = worst["label"]
    lines: list[str] = []
    for kind, title, texts, others, mark in (
        ("precision", f"Lowest {label} precision (what leaked in)", "leaked", "leaked_gold", "+"),
        ("recall", f"Lowest {label} recall (what was lost)", "lost", "lost_predicted", "-"),
    ):
        lines += ["", _heading(title, markdown), ""]
        for d in worst[kind]:
            lines.append(
                f"{'- ' if markdown else ''}{d['source']}/{d['page']}: precision {_num(d['precision'])}, "
                f"recall {_num(d['recall'])}"
            )
            for text, other in zip(d[texts], d[others]):
                lines.append(f"    {mark} {f'[{other}] ' if other else ''}{text}")
    return lines


def _skipped_section(report: dict, markdown: bool) -> list[str]:
    skipped = report["pages"]["skipped"]
    if not skipped:
        return []
    lines = ["", _heading("Skipped pages", markdown), ""]
    lines += [f"{'- ' if markdown else ''}{s['source']}/{s['page']}: {s['reason']}" for s in skipped[:50]]
    if len(skipped) > 50:
        lines.append(f"... and {len(skipped) - 50} more (see --format json)")
    return lines


def gate_line(gate: dict, chosen: dict | None) -> str:
    """One gate as a true sentence: what was checked, at which threshold, and where the asked precision is
    reached when it is not reached here."""
    value, minimum = gate["value"], gate["min"]
    ok = gate["passed"]
    relation = ">=" if ok else "<"
    line = (
        f"{'PASS' if ok else 'FAIL'}: {gate['label']} {gate['metric']} ({gate['basis']}) {_num(value)} {relation} "
        f"{minimum} at threshold {gate['threshold']:.2f}"
    )
    if not ok and gate["metric"] == "precision" and gate["label"] == "story" and chosen:
        if chosen["threshold"] is None:
            line += " (no threshold reaches it)"
        else:
            line += (
                f" ({chosen['precision']:.3f} is reached at {chosen['threshold']:.2f}: rerun with --threshold "
                f"{chosen['threshold']:.2f} or --pick-threshold)"
            )
    return line


def render(report: dict, markdown: bool = False) -> str:
    """The report as readable text (markdown=True: GitHub Markdown)."""
    pages = report["pages"]
    model = report.get("model")
    lines = [f"model: {model['path']} (sha256 {str(model.get('sha256'))[:12]})"] if model else []
    lines += [
        f"pages scored: {pages['scored']} ({pages['block_level']} with block labels), "
        f"skipped: {len(pages['skipped'])}; threshold {report['threshold']}",
        "",
    ]
    lines += _label_section(report, markdown)
    lines += _folder_section(report, markdown)
    lines += _confusion_section(report, markdown)
    lines += _threshold_section(report, markdown)
    lines += _worst_section(report, markdown)
    lines += _skipped_section(report, markdown)
    gates = report.get("gates", [])
    if gates:
        lines.append("")
    lines += [gate_line(g, report.get("chosen_threshold")) for g in gates]
    return "\n".join(lines) + "\n"
