"""The build recipe: load → check → render → write → report.

Nothing is written to a publication's folder in ``output/`` until every requested publication has
loaded, passed its checks and rendered; then each folder is swapped in whole. The reports
(``output/report.json`` and ``report.html``) are written on every run, so that an editor can read
why a build failed. Publications whose sources have not changed are not rendered again (see
:mod:`pressroom.publish.cache`); the others render in parallel, one process per publication.
"""

from __future__ import annotations

import os
import signal
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING

from . import checks
from .publish import cache, report, report_html, write
from .render import panel, profile
from .source import load, record

if TYPE_CHECKING:
    from .outputs.make import Output, Part
from .model import Finding, LoadResult, Publication, Severity
from .source.config import did_you_mean

EXIT_OK, EXIT_CONTENT, EXIT_USAGE = 0, 1, 2
RENDER_STAGES = ("layout", "press", "build")


@dataclass(frozen=True)
class BuildOptions:
    """What to build and how."""

    root: Path
    slugs: tuple[str, ...] = ()
    check_only: bool = False
    strict: bool = False
    force: bool = False
    emit_html: bool = False
    parallel: bool = True
    progress: Callable[[str], None] | None = None
    for_review: bool = False
    """Build for a review pack: pages not checked as they are now do not stop the build (the
    pack is how they get checked), so their findings are warnings here."""


@dataclass
class BuildResult:
    """What happened: every finding, which publications, whether output/ changed, the exit code."""

    findings: list[Finding] = field(default_factory=list)
    publications: list[str] = field(default_factory=list)
    wrote: bool = False
    rendered: list[str] = field(default_factory=list)
    exit_code: int = EXIT_OK
    usage_error: str = ""
    timings: dict[str, float] = field(default_factory=dict)
    panel: list[str] = field(default_factory=list)
    """Pages by how well the readers' panel understood them (:func:`panel.terminal_lines`)."""
    profile: profile.Figures = field(default_factory=dict)
    """Wall seconds, CPU seconds and calls per stage, render workers included (``--timings``)."""


def build(options: BuildOptions) -> BuildResult:
    """Run the whole pipeline for the publications in ``options``."""
    result = BuildResult()
    before = profile.snapshot()
    src = load.Sources(options.root)
    slugs = _select(src, options.slugs, result)
    if result.usage_error:
        return result
    result.publications = slugs
    clock = _Clock(result.timings)
    _say(options, f"Loading {len(slugs)} publication(s)")
    with profile.stage("load"):
        loaded = load.load_all(src, slugs)
    clock.lap("load")
    findings = _settled_load_findings(loaded)
    for audience in {pub.profile: pub.audience for pub in loaded.publications}.values():
        findings.extend(checks.profile_rule_findings(audience))
    if options.for_review:
        findings = [
            replace(f, severity=Severity.WARNING) if f.rule in record.REVIEW_RULES else f
            for f in findings
        ]
    with profile.stage("check"):
        for pub in loaded.publications:
            findings.extend(_checked(options.root, pub, options.force))
    clock.lap("check")
    if not options.check_only and not _blocking(findings, options.strict):
        findings.extend(_render_and_write(options, loaded.publications, result, clock))
    result.findings = report.sort_findings(findings)
    result.exit_code = _exit_code(result.findings, options.strict)
    for pub in loaded.publications:
        result.panel.extend(panel.terminal_lines(pub, result.findings))
    with profile.stage("report"):
        _write_reports(src, result, loaded.publications)
    clock.lap("report")
    profile.merge(result.profile, profile.since(before))
    return result


class _Clock:
    """Wall time of each step, for ``--timings``."""

    def __init__(self, timings: dict[str, float]) -> None:
        self.timings = timings
        self.last = time.perf_counter()

    def lap(self, name: str) -> None:
        now = time.perf_counter()
        self.timings[name] = self.timings.get(name, 0.0) + now - self.last
        self.last = now


def _checked(root: Path, pub: Publication, force: bool) -> list[Finding]:
    """The checks' findings, from the cache when the sources are exactly as last time; else
    with the page-scope rules' findings of unchanged pages, and the findings on the generated
    words if nothing but pages changed, taken from the cache (all found again with ``force``)."""
    key = cache.build_key(root, pub, {"checks": True, "libraries": cache.library_versions()})
    kept = None if force else cache.cached_checks(root, pub.slug, key)
    if kept is not None:
        return kept
    context = cache.context_key(root, pub)
    keys = cache.page_keys(pub, context)
    pages, generated = (
        (checks.KeptPages(keys), None)
        if force
        else cache.read_kept_pages(root, pub.slug, context, keys)
    )
    if generated is None:
        generated = checks.check_generated_words(pub, root / "layouts")
    found = checks.run_checks(pub, kept=pages) + generated
    write.write_file(cache.checks_file(root, pub.slug), cache.cache_record(key, found))
    record_bytes = cache.kept_pages_record(pages, context, generated)
    write.write_file(cache.pages_file(root, pub.slug), record_bytes)
    return found


def _settled_load_findings(loaded: LoadResult) -> list[Finding]:
    """The load findings, with each publication's ``checks:`` settings applied to its own."""
    findings = list(loaded.findings)
    for pub in loaded.publications:
        own = [f for f in findings if _belongs(pub, f)]
        rest = [f for f in findings if not _belongs(pub, f)]
        findings = rest + checks.apply_settings(pub, own, stages=("load",))
    return findings


def _belongs(pub: Publication, finding: Finding) -> bool:
    return finding.location.path.startswith(f"{pub.display_path}/")


def _select(src: load.Sources, wanted: tuple[str, ...], result: BuildResult) -> list[str]:
    available = load.discover(src)
    if not available:
        result.usage_error = (
            f"No publications found in {src.content}. Each publication is a folder "
            "content/<name>/ with a publication.yml file."
        )
        result.exit_code = EXIT_USAGE
        return []
    for slug in wanted:
        if slug not in available:
            result.usage_error = (
                f"There is no publication called '{slug}'.{did_you_mean(slug, available)} "
                f"Available: {', '.join(available)}."
            )
            result.exit_code = EXIT_USAGE
            return []
    return list(dict.fromkeys(wanted)) if wanted else available


def _render_and_write(
    options: BuildOptions, pubs: tuple[Publication, ...], result: BuildResult, clock: _Clock
) -> list[Finding]:
    out_dir = options.root / "output"
    settings = {"emit_html": options.emit_html}
    findings: list[Finding] = []
    todo: list[tuple[str, str]] = []
    write.clean_stale_staging(out_dir)
    for pub in pubs:
        key = cache.build_key(options.root, pub, settings)
        kept = None if options.force else cache.cached_findings(out_dir, pub.slug, key)
        if kept is None:
            todo.append((pub.slug, key))
        else:
            findings.extend(checks.apply_settings(pub, kept, RENDER_STAGES))
    clock.lap("cache")
    outputs = _render(options, todo, {pub.slug: pub for pub in pubs}, result.profile)
    clock.lap("render")
    result.timings["weasyprint"] = sum(o.weasyprint_seconds for o in outputs)
    result.timings["render_cpu"] = sum(o.render_seconds for o in outputs)
    by_slug = {pub.slug: pub for pub in pubs}
    for output in outputs:  # the cache keeps them as found; settings are applied on every run
        findings.extend(checks.apply_settings(by_slug[output.slug], output.findings, RENDER_STAGES))
    if _blocking(findings, options.strict):
        return findings
    for output, (_slug, key) in zip(outputs, todo, strict=True):
        _say(options, f"Writing output/{output.slug}/")
        output.files[cache.CACHE_FILE] = cache.cache_record(key, output.findings)
        with profile.stage("write"):
            write.write_outputs(out_dir, output.slug, output.files)
    result.rendered = [slug for slug, _key in todo]
    result.wrote = bool(todo)
    clock.lap("write")
    return findings


def _render(
    options: BuildOptions,
    todo: list[tuple[str, str]],
    pubs: dict[str, Publication],
    workers_profile: profile.Figures,
) -> list[Output]:
    """Render the publications from the models that were loaded and checked in this process.

    Workers never read ``content/`` again: each gets the checked :class:`Publication`, so a file
    saved during the build cannot reach one output and not another. With cores to spare, each
    publication's two halves (the screen outputs and the press outputs) render in parallel
    processes, and are put together here; their profiles are added to ``workers_profile``.
    """
    from .outputs import make

    slugs = [slug for slug, _key in todo]
    if not slugs:
        return []
    _say(options, f"Rendering {', '.join(slugs)} (print, digital and large print PDFs, web page)")
    workers = min(2 * len(slugs), os.cpu_count() or 1)
    if not options.parallel or workers < 2:
        return [render_one(options.root, pubs[slug], options.emit_html) for slug in slugs]
    import multiprocessing  # here, not at the top: ``--check`` never starts a process
    from concurrent.futures import ProcessPoolExecutor

    context = multiprocessing.get_context("fork")
    # Ctrl-C is held back while the workers and the pool's threads start: a worker it reached
    # before it could ignore it would die and break the pool (reported as a bug), and the
    # threads, made while it is held back, keep it held back for ever, so it only ever reaches
    # this thread. Once they are up it arrives here, and the build stops as always.
    held = signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGINT})
    try:
        pool = ProcessPoolExecutor(
            max_workers=workers, mp_context=context, initializer=_leave_ctrl_c_to_the_main_process
        )
        futures = {
            (slug, name): pool.submit(
                render_part, options.root, pubs[slug], name, options.emit_html
            )
            for slug in slugs
            for name in make.PARTS
        }
    finally:
        signal.pthread_sigmask(signal.SIG_SETMASK, held)
    with pool:
        project = make.Project(options.root)
        outputs = []
        for slug in slugs:
            parts = [futures[(slug, name)].result() for name in make.PARTS]
            for part in parts:
                profile.merge(workers_profile, part.profile)
            outputs.append(make.assemble(project, pubs[slug], parts))
        return outputs


def render_part(root: Path, pub: Publication, name: str, emit_html: bool) -> Part:
    """Render one half of a checked publication's outputs (in a worker process)."""
    from .outputs import make

    return make.make_part(make.Project(root), pub, name, emit_html)


def _leave_ctrl_c_to_the_main_process() -> None:
    """Set up a render worker: it ignores Ctrl-C (the main process stops the build and says so,
    once), and it ends itself if the main process is killed, instead of waiting for ever."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.pthread_sigmask(signal.SIG_UNBLOCK, {signal.SIGINT})  # held back while it started
    parent = os.getppid()

    def watch_parent() -> None:
        while os.getppid() == parent:
            time.sleep(0.5)
        os._exit(1)

    threading.Thread(target=watch_parent, daemon=True).start()


def render_one(root: Path, pub: Publication, emit_html: bool = False) -> Output:
    """Render every output of one checked publication in this process."""
    from .outputs import make

    return make.make_outputs(make.Project(root), pub, emit_html)


def _blocking(findings: list[Finding], strict: bool) -> bool:
    worst = {Severity.ERROR} | ({Severity.WARNING} if strict else set())
    return any(f.severity in worst for f in findings)


def _exit_code(findings: list[Finding], strict: bool) -> int:
    """2 for an error in the settings (the catalogue's exit class), else 1 for any error (or,
    with ``--strict``, any warning), else 0."""
    errors = [f for f in findings if f.severity is Severity.ERROR]
    if any(checks.is_settings_problem(f.rule, f.location.path) for f in errors):
        return EXIT_USAGE
    if errors or (strict and any(f.severity is Severity.WARNING for f in findings)):
        return EXIT_CONTENT
    return EXIT_OK


def _write_reports(src: load.Sources, result: BuildResult, pubs: tuple[Publication, ...]) -> None:
    out_dir = src.root / "output"
    summary = report.report_json(result.findings, result.publications)
    page = out_dir / "report.html"
    if _same_bytes(out_dir / "report.json", summary) and page.is_file():
        return  # nothing changed since the last run: the reports are already right
    write.write_file(out_dir / "report.json", summary)
    write.write_file(page, report_html.report_html(result.findings, pubs))


def _same_bytes(path: Path, data: bytes) -> bool:
    try:
        return path.read_bytes() == data
    except OSError:
        return False


def _say(options: BuildOptions, message: str) -> None:
    if options.progress is not None:
        options.progress(message)
