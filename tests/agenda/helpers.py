from __future__ import annotations

import html
import re

from .seeds import normaal


def tekst(content: bytes | str) -> str:
    """A page's visible text, tags removed, entities decoded, whitespace normalised."""
    raw = content.decode() if isinstance(content, bytes) else content
    raw = re.sub(r"<(script|style)\b.*?</\1>", " ", raw, flags=re.S)
    return normaal(html.unescape(re.sub(r"<[^>]+>", " ", raw)))


def rijen(content: bytes) -> list[str]:
    """The text of every table row of a page."""
    return [tekst(r) for r in re.findall(r"<tr\b[^>]*>(.*?)</tr>", content.decode(), flags=re.S)]
