"""The one YAML reader: data read as the person wrote it, bounded, with a line for every value.

Lesson, quiz and answer files are written by people, so three rules hold:

* **Scalars are text.** YAML 1.1 resolvers turn `no` into False, `010` into 8,
  `1:30` into 90 and `3.10` into 3.1. Here every scalar, quoted or not, is the
  `str` that was written; the consumer converts it on purpose (a numeric answer
  with the same parser the quiz prompt uses, a learner name never). Only an
  empty plain value (`key:`) is None. Mappings and sequences stay structure.
* **Bounded before it allocates.** Values are built from the parser's event
  stream without recursion, and refused with a YamlError naming the line when the
  text nests deeper than MAX_DEPTH or holds more than MAX_NODES values once every
  alias is counted as the copy it stands for ("billion laughs": 9 nested aliases
  in 500 bytes would otherwise expand to 10⁹ values).
* **Every value has a line.** A LineMap records the line of each key and item by
  its path, and duplicate keys are refused (plain YAML lets the last one win).

Explicit tags (`!!int 3`, `!!python/object`) are refused: they are never needed
in dltutor files, and each would be one more way to read text as something else.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

import yaml

from dltutor.i18n import _

Path_ = tuple[str, ...]
# libyaml's parser when PyYAML was built with it (~4x faster: answer files come by the thousand).
_Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

MAX_DEPTH = 64  # the deepest dltutor file (a quiz's choices) is 4 levels
MAX_NODES = 100_000  # values after alias expansion; a quiz of 9,000 questions (~700 kB) has ~100k
_PLAIN_TAGS = {None, "!", "tag:yaml.org,2002:str", "tag:yaml.org,2002:seq", "tag:yaml.org,2002:map"}


class YamlError(ValueError):
    """A YAML problem at `line`. `structural`: the text parsed but breaks a rule (a limit, a duplicate key,
    two documents), so reading it as JSON instead cannot help."""

    def __init__(self, message: str, line: int | None = None, structural: bool = False):
        super().__init__(message)
        self.message = message
        self.line = line
        self.structural = structural


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


@dataclass
class _Open:
    """A mapping or sequence being built, with what is needed to finish it."""

    value: dict | list
    path: Path_
    anchor: str | None
    nodes: int = 1
    key: str | None = None  # a mapping's key waiting for its value
    key_line: int = 0
    seen: dict[str, int] = field(default_factory=dict)  # key -> line, for duplicate keys


def parse_yaml(text: str, line_offset: int = 0) -> tuple[Any, LineMap]:
    """Parse one YAML document into str / None / list / dict; raise YamlError (with a line) on any problem.

    Bounded: at most MAX_DEPTH levels of nesting and MAX_NODES values counting alias copies;
    time and memory stay linear in the size of the text.
    """
    linemap = LineMap(offset=line_offset)
    loader = _Loader(text)
    line = 1
    try:
        if not loader.check_event(yaml.StreamStartEvent):  # pragma: no cover - the parser always starts so
            raise YamlError(_("invalid YAML: no stream"))
        loader.get_event()
        if loader.check_event(yaml.StreamEndEvent):
            return None, linemap
        loader.get_event()  # DocumentStart
        stack: list[_Open] = []
        anchors: dict[str, tuple[Any, int]] = {}  # anchor -> (value, how many values it stands for)
        total = 0
        aliased = False  # whether the count includes alias copies, to say so when it is too big
        result: Any = None
        while not loader.check_event(yaml.DocumentEndEvent):
            event = loader.get_event()
            line = event.start_mark.line + 1
            where = line + line_offset
            if isinstance(event, (yaml.MappingEndEvent, yaml.SequenceEndEvent)):
                done = stack.pop()
                if done.anchor is not None:
                    anchors[done.anchor] = (done.value, done.nodes)
                value, nodes = done.value, done.nodes
            else:
                if getattr(event, "tag", None) not in _PLAIN_TAGS:
                    tag = event.tag.replace("tag:yaml.org,2002:", "!!")
                    raise YamlError(_("invalid YAML: tag {tag} is not supported (write the value as plain text)")
                                    .format(tag=tag), where)
                path = _child_path(stack)
                if isinstance(event, yaml.AliasEvent):
                    if event.anchor not in anchors:
                        raise YamlError(_("alias *{anchor} refers to no complete &{anchor} above it").format(
                            anchor=event.anchor), where)
                    value, nodes = anchors[event.anchor]
                    aliased = True
                elif isinstance(event, yaml.ScalarEvent):
                    plain_empty = event.value == "" and event.implicit[0] and not event.style
                    value, nodes = (None if plain_empty else event.value), 1
                    if event.anchor is not None:
                        anchors[event.anchor] = (value, 1)
                else:  # MappingStart / SequenceStart
                    if len(stack) >= MAX_DEPTH:
                        raise YamlError(nested_too_deep(), where, structural=True)
                    is_map = isinstance(event, yaml.MappingStartEvent)
                    stack.append(_Open({} if is_map else [], path, event.anchor))
                    linemap.lines.setdefault(path, line)  # a mapping value keeps its key's line
                    total += 1
                    continue
                total += nodes
                if total > MAX_NODES:
                    why = (_("more than {n} values (counting every alias as a copy)") if aliased
                           else _("more than {n} values (far more than a lesson, quiz or answer file needs: split "
                                  "it)"))
                    raise YamlError(why.format(n=f"{MAX_NODES:,}"), where, structural=True)
            if not stack:
                result = value
                linemap.lines.setdefault((), line)
                continue
            _add(stack[-1], value, nodes, line, linemap)
        loader.get_event()  # DocumentEnd
        if not loader.check_event(yaml.StreamEndEvent):
            raise YamlError(_("more than one YAML document in the file (remove the extra '---')"),
                            loader.peek_event().start_mark.line + 1 + line_offset, structural=True)
        return result, linemap
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        where = mark.line + 1 + line_offset if mark else None
        raise YamlError(_("invalid YAML: {problem}").format(problem=exc.problem or exc.context), where) from None
    except yaml.YAMLError as exc:
        raise YamlError(_("invalid YAML: {problem}").format(problem=exc)) from None
    finally:
        loader.dispose()


def nested_too_deep() -> str:
    """The message for text nested deeper than MAX_DEPTH (YAML or JSON)."""
    return _("nested more than {n} levels deep").format(n=MAX_DEPTH)


def _child_path(stack: list[_Open]) -> Path_:
    if not stack:
        return ()
    parent = stack[-1]
    if isinstance(parent.value, list):
        return parent.path + (str(len(parent.value)),)
    return parent.path + (parent.key,) if parent.key is not None else parent.path


def _add(parent: _Open, value: Any, nodes: int, line: int, linemap: LineMap) -> None:
    parent.nodes += nodes
    offset = linemap.offset
    if isinstance(parent.value, list):
        path = parent.path + (str(len(parent.value)),)
        linemap.lines[path] = linemap.lines.get(path, line)  # a block item's line is where it starts
        parent.value.append(value)
    elif parent.key is None:  # this value is a key
        if not isinstance(value, str) and value is not None:
            raise YamlError(_("a key must be plain text, not a list or mapping"), line + offset)
        key = value or ""
        if key in parent.seen:
            raise YamlError(_("duplicate key '{key}' (first defined on line {line})").format(
                key=key, line=parent.seen[key] + offset), line + offset, structural=True)
        parent.seen[key] = line
        parent.key, parent.key_line = key, line
        linemap.lines[parent.path + (key,)] = line
    else:
        parent.value[parent.key] = value
        parent.key = None


# JSON strings, so that brackets inside them are not counted as nesting.
_JSON_STRING = re.compile(r'"(?:[^"\\\n]|\\.)*"')
_BRACKET = re.compile(r"[\[\]{}]")


def json_depth(text: str) -> int:
    """How deep the brackets of a JSON text nest (strings ignored), without parsing it."""
    depth = deepest = 0
    for match in _BRACKET.finditer(_JSON_STRING.sub("", text)):
        depth += 1 if match.group() in "[{" else -1
        deepest = max(deepest, depth)
    return deepest
