"""Rich text: request items validated and normalized into Notion's response form.

A stored item is exactly what Notion answers (``plain_text``, ``href`` and full
``annotations`` filled in). Mentions of pages and databases get their ``plain_text`` from
the workspace when rendered, because a title can change after the mention was written.
"""

from __future__ import annotations

from typing import Any

from emulator import checks, errors
from emulator.colors import TEXT_COLORS
from emulator.ids import compact
from emulator.state import Json

DEFAULT_ANNOTATIONS: Json = {
    "bold": False,
    "italic": False,
    "strikethrough": False,
    "underline": False,
    "code": False,
    "color": "default",
}
_ITEM_TYPES = ("text", "mention", "equation")
_MENTION_TYPES = ("page", "database", "user", "date", "link_preview", "template_mention")
MAX_MENTIONS_IN_PAGE_VALUE = 25
"""Page objects list at most 25 mentions in a title or rich text value."""


def parse(value: Any, path: str, mention_title: Any = None) -> list[Json]:
    """Validate a rich text array from a request and return the stored items.

    ``mention_title`` is ``callable(kind, id) -> str | None`` giving a mentioned page's or
    database's title (None when unknown or not shared).
    """
    items = checks.array(value, path)
    return [_item(item, f"{path}[{index}]", mention_title) for index, item in enumerate(items)]


def _item(raw: Any, path: str, mention_title: Any) -> Json:
    item = checks.obj(raw, path)
    kind = item.get("type") or next((k for k in _ITEM_TYPES if k in item), None)
    if kind is None:
        raise errors.missing(f"{path}.text")
    checks.one_of(kind, _ITEM_TYPES, f"{path}.type")
    annotations = _annotations(item.get("annotations"), f"{path}.annotations")
    payload = checks.obj(checks.required(item, kind, path), f"{path}.{kind}")
    if kind == "text":
        return _text(payload, f"{path}.text", annotations)
    if kind == "equation":
        expression = checks.string(
            checks.required(payload, "expression", f"{path}.equation"),
            f"{path}.equation.expression",
            checks.MAX_EQUATION,
        )
        return {
            "type": "equation",
            "equation": {"expression": expression},
            "annotations": annotations,
            "plain_text": expression,
            "href": None,
        }
    return _mention(payload, f"{path}.mention", annotations, mention_title)


def _annotations(raw: Any, path: str) -> Json:
    if raw is None:
        return dict(DEFAULT_ANNOTATIONS)
    given = checks.obj(raw, path)
    result = dict(DEFAULT_ANNOTATIONS)
    for key, value in given.items():
        if key == "color":
            result["color"] = checks.one_of(value, TEXT_COLORS, f"{path}.color")
        elif key in DEFAULT_ANNOTATIONS:
            result[key] = checks.boolean(value, f"{path}.{key}")
        else:
            raise errors.body_invalid(f"{path}.{key}", "should be not present", value)
    return result


def _text(payload: Json, path: str, annotations: Json) -> Json:
    content = checks.string(
        checks.required(payload, "content", path), f"{path}.content", checks.MAX_TEXT
    )
    link = payload.get("link")
    url = None
    if link is not None:
        link_obj = checks.obj(link, f"{path}.link")
        url = checks.string(
            checks.required(link_obj, "url", f"{path}.link"), f"{path}.link.url", checks.MAX_TEXT
        )
    return {
        "type": "text",
        "text": {"content": content, "link": {"url": url} if url is not None else None},
        "annotations": annotations,
        "plain_text": content,
        "href": url,
    }


def _mention(payload: Json, path: str, annotations: Json, mention_title: Any) -> Json:
    kind = payload.get("type") or next((k for k in _MENTION_TYPES if k in payload), None)
    if kind is None:
        raise errors.missing(f"{path}.page")
    checks.one_of(kind, _MENTION_TYPES, f"{path}.type")
    target = checks.obj(checks.required(payload, kind, path), f"{path}.{kind}")
    if kind in ("page", "database"):
        target_id = checks.uuid(
            checks.required(target, "id", f"{path}.{kind}"), f"{path}.{kind}.id"
        )
        title = mention_title(kind, target_id) if mention_title else None
        return {
            "type": "mention",
            "mention": {"type": kind, kind: {"id": target_id}},
            "annotations": annotations,
            "plain_text": title if title is not None else "Untitled",
            "href": f"https://www.notion.so/{compact(target_id)}",
        }
    if kind == "user":
        user_id = checks.uuid(checks.required(target, "id", f"{path}.user"), f"{path}.user.id")
        name = mention_title("user", user_id) if mention_title else None
        return {
            "type": "mention",
            "mention": {"type": "user", "user": {"object": "user", "id": user_id}},
            "annotations": annotations,
            "plain_text": f"@{name}" if name else "@Anonymous",
            "href": None,
        }
    if kind == "date":
        start = checks.string(
            checks.required(target, "start", f"{path}.date"), f"{path}.date.start"
        )
        end = checks.optional_string(target.get("end"), f"{path}.date.end")
        zone = checks.optional_string(target.get("time_zone"), f"{path}.date.time_zone")
        return {
            "type": "mention",
            "mention": {"type": "date", "date": {"start": start, "end": end, "time_zone": zone}},
            "annotations": annotations,
            "plain_text": start if end is None else f"{start} → {end}",
            "href": None,
        }
    url = checks.string(checks.required(target, "url", f"{path}.{kind}"), f"{path}.{kind}.url")
    return {
        "type": "mention",
        "mention": {"type": kind, kind: {"url": url}},
        "annotations": annotations,
        "plain_text": url,
        "href": url,
    }


def plain_text(items: list[Json]) -> str:
    return "".join(str(item.get("plain_text", "")) for item in items)


def from_plain(text: str) -> list[Json]:
    """A stored rich text array holding one plain text item (seeds and defaults)."""
    if not text:
        return []
    return [
        {
            "type": "text",
            "text": {"content": text, "link": None},
            "annotations": dict(DEFAULT_ANNOTATIONS),
            "plain_text": text,
            "href": None,
        }
    ]


def refresh_mentions(items: list[Json], mention_title: Any) -> list[Json]:
    """Copies of ``items`` with page/database/user mention text as the workspace has it now."""
    result = []
    for item in items:
        mention = item.get("mention") if item.get("type") == "mention" else None
        if mention and mention.get("type") in ("page", "database", "user"):
            kind = mention["type"]
            target_id = mention[kind]["id"]
            title = mention_title(kind, target_id)
            if kind == "user":
                text = "@" + title if title else "@Anonymous"
            else:
                text = title or "Untitled"
            result.append({**item, "plain_text": text})
        else:
            result.append(item)
    return result


def limit_mentions(items: list[Json]) -> list[Json]:
    """Page objects keep at most 25 mentions per title / rich text value."""
    seen = 0
    kept = []
    for item in items:
        if item.get("type") == "mention":
            seen += 1
            if seen > MAX_MENTIONS_IN_PAGE_VALUE:
                continue
        kept.append(item)
    return kept
