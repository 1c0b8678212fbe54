"""Work spread over the machine's cores, with results as if it had run in order.

PORTAL_BUILD_WORKERS=1 in the environment builds on one core; by default every core is used.

A build's work is split into tasks (a content file to read, a locale to render). Workers are
forked from the build process, so they start with everything it has loaded; each task's
additions to the build state's lists and dicts travel back and are merged in task order, so the
state (problems, outputs, search passages) is the same as a build on one core makes.
"""
import dataclasses
import multiprocessing
import os

# Below this many tasks, forking costs more than it saves (and small test sites stay in one
# process, which keeps their tracebacks plain).
MIN_TASKS = {"read": 400, "render": 2}

_work = None
_state = None


def cores():
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


def run(kind, tasks, work, state=None, workers=None):
    """[work(task) for task in tasks], on every core when worth it; with `state`, each task's
    additions to the state's lists and dicts are merged back in task order."""
    tasks = list(tasks)
    workers = min(workers or int(os.environ.get("PORTAL_BUILD_WORKERS") or 0) or cores(), len(tasks))
    if workers < 2 or len(tasks) < MIN_TASKS[kind] or "fork" not in multiprocessing.get_all_start_methods():
        return [work(task) for task in tasks]
    global _work, _state
    _work, _state = work, state
    try:
        with multiprocessing.get_context("fork").Pool(workers) as pool:
            chunk = 1 if kind == "render" else max(1, len(tasks) // (workers * 16))
            outcomes = pool.map(_run_one, tasks, chunksize=chunk)
    finally:
        _work = _state = None
    results = []
    for result, additions in outcomes:
        if state is not None:
            _merge(state, additions)
        results.append(result)
    return results


def _run_one(task):
    before = _snapshot(_state) if _state is not None else None
    result = _work(task)
    return result, (_additions(_state, before) if _state is not None else None)


def _fields(state):
    return [field.name for field in dataclasses.fields(state)
            if isinstance(getattr(state, field.name), (list, dict))]


def _snapshot(state):
    return {name: (len(value) if isinstance(value, list) else set(value))
            for name in _fields(state) for value in [getattr(state, name)]}


def _additions(state, before):
    additions = {}
    for name, seen in before.items():
        value = getattr(state, name)
        if isinstance(value, list):
            if len(value) > seen:
                additions[name] = value[seen:]
        else:
            added = {key: value[key] for key in value if key not in seen}
            if added:
                additions[name] = added
    return additions


def _merge(state, additions):
    for name, added in additions.items():
        value = getattr(state, name)
        if isinstance(value, list):
            value.extend(added)
        else:
            value.update(added)
