"""YAML loading that remembers where each value came from.

Every error the portal reports about a YAML file names the file and the line, so the
loader keeps the line of each mapping key and list item. Duplicate keys are errors:
PyYAML would silently keep the last one and hide an editor's mistake.
"""
import yaml


class YamlError(ValueError):
    def __init__(self, message, line=None):
        super().__init__(message)
        self.message = message
        self.line = line


class LineDict(dict):
    """A dict that knows the 1-based line of itself and of each of its keys."""

    line = None

    def line_of(self, key):
        return getattr(self, "key_lines", {}).get(key, self.line)


class LineList(list):
    line = None

    def line_of(self, index):
        lines = getattr(self, "item_lines", [])
        return lines[index] if 0 <= index < len(lines) else self.line


# libyaml's parser, when PyYAML was built with it, reads front matter about ten times faster;
# the nodes it composes carry the same marks, so lines in values and errors are unchanged.
_SafeLoader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class _LineLoader(_SafeLoader):
    def construct_mapping(self, node, deep=False):
        self.flatten_mapping(node)
        result = LineDict()
        result.line = node.start_mark.line + 1
        result.key_lines = {}
        for key_node, value_node in node.value:
            key = self.construct_object(key_node, deep=True)
            if key in result:
                raise YamlError(f"duplicate key '{key}'", key_node.start_mark.line + 1)
            result[key] = self.construct_object(value_node, deep=True)
            result.key_lines[key] = key_node.start_mark.line + 1
        return result

    def construct_sequence(self, node, deep=False):
        result = LineList(self.construct_object(child, deep=True) for child in node.value)
        result.line = node.start_mark.line + 1
        result.item_lines = [child.start_mark.line + 1 for child in node.value]
        return result


_LineLoader.add_constructor("tag:yaml.org,2002:map", _LineLoader.construct_mapping)
_LineLoader.add_constructor("tag:yaml.org,2002:seq", _LineLoader.construct_sequence)


def load_yaml(text, first_line=1):
    """Parse YAML text; lines in results and errors are offset so they match the file."""
    offset = first_line - 1
    try:
        loader = _LineLoader(text)
        try:
            data = loader.get_single_data()
        finally:
            loader.dispose()
    except YamlError as error:
        raise YamlError(error.message, error.line + offset) from None
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        line = mark.line + 1 + offset if mark else None
        problem = " ".join(filter(None, [error.context, error.problem]))
        raise YamlError(f"malformed YAML: {problem}", line) from None
    except yaml.YAMLError as error:
        raise YamlError(f"malformed YAML: {error}", None) from None
    if offset:
        _shift_lines(data, offset)
    return data


def _shift_lines(value, offset):
    if isinstance(value, LineDict):
        value.line += offset
        value.key_lines = {k: v + offset for k, v in value.key_lines.items()}
        for item in value.values():
            _shift_lines(item, offset)
    elif isinstance(value, LineList):
        value.line += offset
        value.item_lines = [v + offset for v in value.item_lines]
        for item in value:
            _shift_lines(item, offset)
