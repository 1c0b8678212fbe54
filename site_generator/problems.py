"""Problems found in content or configuration, reported all at once with file:line."""
import dataclasses


@dataclasses.dataclass(frozen=True, order=True)
class Problem:
    path: str
    line: int | None
    message: str

    def __str__(self):
        where = f"{self.path}:{self.line}" if self.line else self.path
        return f"{where}: {self.message}"


class ContentProblems(Exception):
    """Raised by the reader when a file cannot become a page; carries every problem found."""

    def __init__(self, problems):
        self.problems = list(problems)
        super().__init__("\n".join(str(p) for p in self.problems))


class BuildFailed(Exception):
    def __init__(self, problems):
        self.problems = sorted(set(problems), key=lambda p: (p.path, p.line or 0, p.message))
        super().__init__(f"{len(self.problems)} problem(s):\n" + "\n".join(str(p) for p in self.problems))
