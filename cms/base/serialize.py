"""The canonical text of a content file: the same page always gives the same bytes.

Front matter keys come in the contract's order; mappings and short lists are written in
flow style ({street: ..., city: ...}, [worker, family]), steps in block style.
"""
import datetime

import yaml

COMMON_ORDER = ("id", "kind", "topic", "title", "summary", "audiences", "updated", "review_by")


class Flow(dict):
    pass


class FlowList(list):
    pass


class _Dumper(yaml.SafeDumper):
    pass


_Dumper.add_representer(Flow, lambda dumper, data: dumper.represent_mapping(
    "tag:yaml.org,2002:map", data.items(), flow_style=True))
# Any date, including the date subclasses of clocks that tests freeze, as YYYY-MM-DD.
_Dumper.add_multi_representer(datetime.date, lambda dumper, data: dumper.represent_scalar(
    "tag:yaml.org,2002:timestamp", data.isoformat()[:10]))
_Dumper.add_representer(FlowList, lambda dumper, data: dumper.represent_sequence(
    "tag:yaml.org,2002:seq", data, flow_style=True))


BLOCK_MAPPINGS = ("translation",)


def flow(value, key=None):
    """Mappings of plain values and lists of plain values in flow style; mappings that hold
    lists or mappings (opening hours, an event's place) in block style."""
    if isinstance(value, dict):
        plain = all(not isinstance(item, (dict, list)) for item in value.values())
        items = ((name, flow(item, name)) for name, item in value.items())
        return Flow(items) if plain and key not in BLOCK_MAPPINGS else dict(items)
    if isinstance(value, list):
        if all(not isinstance(item, (dict, list)) for item in value):
            return FlowList(value)
        return [flow(item) for item in value]
    return value


def block_steps(steps):
    """Steps stay in block style, their documents and alternatives too, for readable diffs."""
    result = []
    for step in steps:
        item = {}
        for key, value in step.items():
            if key == "either":
                item[key] = [dict(alternative) for alternative in value]
            else:
                item[key] = value
        result.append(item)
    return result


def render_document(front_matter, body):
    """front_matter: a dict in contract order (values already plain); body: Markdown."""
    prepared = {}
    for key, value in front_matter.items():
        if value is None:
            continue
        prepared[key] = block_steps(value) if key == "steps" else flow(value, key)
    text = yaml.dump(prepared, Dumper=_Dumper, sort_keys=False, allow_unicode=True, width=1_000_000,
                     default_flow_style=False, indent=2)
    body = body.strip()
    return f"---\n{text}---\n{body}\n" if body else f"---\n{text}---\n"
