"""What one build shares between its plugins: config, problems and the written outputs."""
import contextlib
import dataclasses
import functools
import os
import time

import orjson


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
    # locale code -> gettext translations, loaded once by the pages generator for every plugin
    translations: dict = dataclasses.field(default_factory=dict)
    # locale code -> {"path": the search builder's input file, "passages": how many,
    # "pages": the page id of each run of passages, in order}. The passages themselves stay in
    # the process that rendered the locale, which writes them to that file.
    search_inputs: dict = dataclasses.field(default_factory=dict)
    # Cache files written during the build, moved into place once it has succeeded: {written: final}
    cache_files: dict = dataclasses.field(default_factory=dict)
    # Outputs written again with the bytes they had, given back their old modification time
    # when the staging folder became the output (names relative to the output folder).
    restored_times: set = dataclasses.field(default_factory=set)
    # Outputs that are hard links to the last build's files (names relative to the output
    # folder): the same file, so nothing to compare when the new output replaces the old.
    linked_outputs: list = dataclasses.field(default_factory=list)
    # Folders only this build uses, removed when it ends whatever happens.
    scratch: list = dataclasses.field(default_factory=list)
    # page id -> what decides how the page renders (render_cache.RenderCache.key), for the steps
    # that keep other outputs of a page from one build to the next; empty without a cache.
    page_keys: dict = dataclasses.field(default_factory=dict)
    search_report: dict = dataclasses.field(default_factory=dict)
    # Each search file's gzip size and digest, as the search builder weighed them: {name: [size, digest]}
    search_served: dict = dataclasses.field(default_factory=dict)
    # The search builder while it runs: (process, its output file, its error file); False when
    # it could not start.
    search_build: object = None
    # Work that needs no search file, done while the build waits for the search builder (the
    # main process would otherwise be idle): callables, run in order.
    while_search_builds: list = dataclasses.field(default_factory=list)
    # link_check.LinkCheck: its first pass runs while the search builder runs
    link_check: object = None
    # What the next build may reuse (parsed content, rendered pages), saved only once this
    # build has succeeded and its output is in place: callables, run in order.
    after_success: list = dataclasses.field(default_factory=list)
    # output_facts.OutputFacts: what the checks learnt about each output file
    output_facts: object = None
    # What the render processes learnt about the pages they wrote, for the checks after them:
    # {OutputFacts key: (output name, fact)}
    written_facts: dict = dataclasses.field(default_factory=dict)
    seconds: float = 0.0
    pages_written: int = 0
    # The last build's output folder, while it is still there to link unchanged files from.
    previous_output: str = None
    # Whether the last build's writer saved every cache (build.SAVE_INCOMPLETE): only then do
    # they describe that build's output together, as the link check's shortcut needs.
    caches_whole: bool = False
    # step name -> seconds it took, in the order the steps ran (for the build report and bench/)
    steps: dict = dataclasses.field(default_factory=dict)

    @contextlib.contextmanager
    def step(self, name):
        started = time.perf_counter()
        try:
            yield
        finally:
            self.steps[name] = self.steps.get(name, 0.0) + time.perf_counter() - started

    def write(self, output_path, name, data, page_type, source=None):
        """Write one output beside the pages (bytes, text, or JSON for anything else) and record it.
        When the last build's output holds these very bytes, its file is linked instead: same
        file, same time, and what the checks learnt about it still holds."""
        path = os.path.join(output_path, name)
        os.makedirs(os.path.dirname(path), exist_ok=True)
        if not isinstance(data, (bytes, str)):
            # The JSON json.dumps(ensure_ascii=False) writes with compact separators, in a
            # fraction of the time: the open data listings of a large site took a second.
            data = orjson.dumps(data, option=orjson.OPT_NON_STR_KEYS)
        data = data if isinstance(data, bytes) else data.encode("utf-8")
        self.outputs[name] = (page_type, source)
        if self.previous_output and same_bytes(os.path.join(self.previous_output, name), data):
            try:
                os.link(os.path.join(self.previous_output, name), path)
                self.linked_outputs.append(name)
                return
            except OSError:
                pass
        with open(path, "wb") as handle:
            handle.write(data)


def same_bytes(path, data):
    """Whether the file at `path` holds exactly `data` (False when there is no such file)."""
    try:
        if os.path.getsize(path) != len(data):
            return False
        with open(path, "rb") as handle:
            return handle.read() == data
    except OSError:
        return False


def build_step(name):
    """Decorates a plugin's finalized handler so the build report says how long it took."""
    def decorate(handler):
        @functools.wraps(handler)
        def timed(pelican):
            with pelican.settings["PORTAL_BUILD"].step(name):
                return handler(pelican)
        return timed
    return decorate
