"""Safe YAML parsing that remembers where every value came from.

Lesson and answer files are data written by people, so errors must point at a
line. PyYAML's composed node tree has the marks; we walk it once to record the
line of each key/item (by path) and to reject duplicate keys, which plain
`safe_load` would silently let the last one win.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import yaml

Path_ = tuple[str, ...]
# libyaml's parser when PyYAML was built with it (~4x faster: answer files come by the thousand);
# same safe constructor either way.
_Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class YamlError(ValueError):
    def __init__(self, message: str, line: int | None = None):
        super().__init__(message)
        self.message = message
        self.line = line


@dataclass
class LineMap:
    """Maps a data path like ('questions', '0', 'answer') to a 1-based line."""

    lines: dict[Path_, int] = field(default_factory=dict)
    offset: int = 0  # added to every line, for YAML embedded in a larger file

    def line_of(self, path: tuple[Any, ...]) -> int | None:
        keys = tuple(str(p) for p in path)
        while True:
            if keys in self.lines:
                return self.lines[keys] + self.offset
            if not keys:
                return None
            keys = keys[:-1]


def parse_yaml(text: str, line_offset: int = 0) -> tuple[Any, LineMap]:
    """Parse one YAML document safely; raise YamlError with a line on any problem."""
    loader = _Loader(text)
    try:
        node = loader.get_single_node()
        linemap = LineMap(offset=line_offset)
        if node is None:
            return None, linemap
        linemap.lines[()] = node.start_mark.line + 1
        _walk(node, (), linemap.lines, line_offset)
        return loader.construct_document(node), linemap
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 + line_offset if mark else None
        raise YamlError(f"invalid YAML: {exc.problem or exc.context}", line) from None
    except yaml.YAMLError as exc:
        raise YamlError(f"invalid YAML: {exc}") from None
    finally:
        loader.dispose()


def _walk(node: yaml.Node, path: Path_, lines: dict[Path_, int], offset: int) -> None:
    if isinstance(node, yaml.MappingNode):
        seen: dict[str, int] = {}
        for key_node, value_node in node.value:
            key = str(key_node.value)
            line = key_node.start_mark.line + 1
            if key in seen:
                raise YamlError(
                    f"duplicate key '{key}' (first defined on line {seen[key] + offset})",
                    line + offset,
                )
            seen[key] = line
            lines[path + (key,)] = line
            _walk(value_node, path + (key,), lines, offset)
    elif isinstance(node, yaml.SequenceNode):
        for i, item in enumerate(node.value):
            lines[path + (str(i),)] = item.start_mark.line + 1
            _walk(item, path + (str(i),), lines, offset)
