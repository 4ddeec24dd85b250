"""Notion pages as Markdown: what a person would see, for the demo's output folder.

Input is what the API answers (a page object and its blocks), so the rendering shows exactly
what Quarterdeck wrote, read back from Notion.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence

from schemas.wire import JsonView


def rich_text(items: Sequence[JsonView]) -> str:
    """Inline Markdown: bold/italic/code kept, links and mentions as links."""
    parts = []
    for item in items:
        text = str(item.get("plain_text", ""))
        notes = item.get("annotations", {})
        if notes.get("code"):
            text = f"`{text}`"
        if notes.get("bold"):
            text = f"**{text}**"
        if notes.get("italic"):
            text = f"*{text}*"
        href = item.get("href")
        parts.append(f"[{text}]({href})" if href else text)
    return "".join(parts)


def property_text(value: JsonView) -> str:
    """One page property value, as a table cell."""
    kind = value.get("type", "")
    payload = value.get(kind)
    if kind in ("title", "rich_text"):
        return rich_text(payload or [])
    if kind in ("select", "status"):
        return str(payload["name"]) if payload else ""
    if kind == "multi_select":
        return ", ".join(str(o["name"]) for o in payload or [])
    if kind == "date":
        return _date(payload)
    if kind in ("people", "relation"):
        return f"{len(payload or [])} linked" + (" or more" if value.get("has_more") else "")
    if kind in ("formula", "rollup") and isinstance(payload, Mapping):
        inner = payload.get("type", "")
        return property_text({"type": inner, inner: payload.get(inner)})
    if kind == "number" and isinstance(payload, float):
        return f"{payload:.4g}"
    return "" if payload is None else str(payload)


def _date(payload: JsonView | None) -> str:
    if not payload:
        return ""
    end = payload.get("end")
    return f"{payload['start']} → {end}" if end else str(payload["start"])


def page(
    page_object: JsonView, blocks: Iterable[JsonView], *, only: Iterable[str] | None = None
) -> str:
    """A page: its title, a property table (``only`` those names, if given) and its blocks."""
    properties: Mapping[str, JsonView] = page_object.get("properties", {})
    title = next((property_text(v) for v in properties.values() if v.get("type") == "title"), "")
    wanted = set(only) if only is not None else None
    lines = [f"# {title or 'Untitled'}", "", f"<{page_object.get('url', '')}>", ""]
    rows = [(n, property_text(v)) for n, v in properties.items() if v.get("type") != "title"]
    rows = [(n, t) for n, t in rows if wanted is None or n in wanted]
    if rows:
        lines += ["| Property | Value |", "|---|---|"]
        lines += [f"| {n} | {_cell(t)} |" for n, t in rows]
        lines.append("")
    lines += [block(b) for b in blocks]
    return "\n".join(lines).rstrip() + "\n"


_PREFIX = {
    "heading_1": "# ",
    "heading_2": "## ",
    "heading_3": "### ",
    "bulleted_list_item": "- ",
    "numbered_list_item": "1. ",
    "quote": "> ",
    "paragraph": "",
    "toggle": "▸ ",
}


def block(item: JsonView, children: Sequence[JsonView] = ()) -> str:
    """One block (and the children given for it) as Markdown."""
    kind = str(item.get("type", ""))
    payload: JsonView = item.get(kind, {})
    if kind in _PREFIX:
        return _PREFIX[kind] + rich_text(payload.get("rich_text", [])) + "\n"
    if kind == "to_do":
        box = "x" if payload.get("checked") else " "
        return f"- [{box}] {rich_text(payload.get('rich_text', []))}\n"
    if kind == "callout":
        icon = (payload.get("icon") or {}).get("emoji", "")
        text = rich_text(payload.get("rich_text", [])).replace("\n", "\n> ")
        return f"> {icon} {text}\n"
    if kind == "divider":
        return "---\n"
    if kind == "table":
        return _table(children or payload.get("children", []))
    if kind in ("child_page", "child_database"):
        return f"*{kind.replace('_', ' ')}: {payload.get('title', '')}*\n"
    return f"*({kind})*\n"


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", "<br>")


def _table(rows: Sequence[JsonView]) -> str:
    cells = [[_cell(rich_text(c)) for c in r.get("table_row", {}).get("cells", [])] for r in rows]
    if not cells:
        return ""
    width = max(len(row) for row in cells)
    lines = ["| " + " | ".join(cells[0]) + " |", "|" + "---|" * width]
    lines += ["| " + " | ".join(row) + " |" for row in cells[1:]]
    return "\n".join(lines) + "\n"
