"""Split a content file into its YAML front matter and its Markdown body."""
from portal.yamlfile import LineDict, YamlError, load_yaml

from .problems import ContentProblems, Problem

DELIMITER = "---"


def split_front_matter(text, path):
    """Return (front matter as LineDict, body text, first line of the body)."""
    lines = text.splitlines()
    if not lines or lines[0].strip() != DELIMITER:
        raise ContentProblems([Problem(path, 1, "the file must start with a '---' line opening the YAML front matter")])
    try:
        end = next(i for i in range(1, len(lines)) if lines[i].strip() == DELIMITER)
    except StopIteration:
        raise ContentProblems([Problem(path, 1, "the front matter is not closed by a '---' line")]) from None
    try:
        data = load_yaml("\n".join(lines[1:end]), first_line=2)
    except YamlError as error:
        raise ContentProblems([Problem(path, error.line, error.message)]) from None
    if not isinstance(data, LineDict):
        raise ContentProblems([Problem(path, 2, "the front matter must be a mapping of fields")])
    body = "\n".join(lines[end + 1:])
    return data, body, end + 2
