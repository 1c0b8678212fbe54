"""What one build shares between its plugins: config, problems and the written outputs."""
import dataclasses


@dataclasses.dataclass
class BuildState:
    config: object
    problems: list = dataclasses.field(default_factory=list)
    # Remarks for the build report that do not fail the build (problems do).
    notes: list = dataclasses.field(default_factory=list)
    site: object = None
    # output name (relative to the output folder) -> (page type, content file shown or None)
    outputs: dict = dataclasses.field(default_factory=dict)
    budget_report: list = dataclasses.field(default_factory=list)
    asset_urls: dict = dataclasses.field(default_factory=dict)
    search_passages: dict = dataclasses.field(default_factory=dict)
    search_report: dict = dataclasses.field(default_factory=dict)
    seconds: float = 0.0
    pages_written: int = 0
