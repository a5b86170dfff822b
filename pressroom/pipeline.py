"""The build recipe: load → check → render → write → report.

Nothing is written to a publication's folder in ``output/`` until every requested publication has
loaded, passed its checks and rendered; then each folder is swapped in whole. The reports
(``output/report.json`` and ``report.html``) are written on every run, so that an editor can read
why a build failed.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from . import checks, load, produce, report, report_html, write
from .config import did_you_mean
from .model import Finding, Publication, Severity

EXIT_OK, EXIT_CONTENT, EXIT_USAGE = 0, 1, 2
CONFIG_FILES = ("publication.yml",)


@dataclass(frozen=True)
class BuildOptions:
    """What to build and how."""

    root: Path
    slugs: tuple[str, ...] = ()
    check_only: bool = False
    strict: bool = False
    progress: Callable[[str], None] | None = None


@dataclass
class BuildResult:
    """What happened: every finding, which publications, whether output/ changed, the exit code."""

    findings: list[Finding] = field(default_factory=list)
    publications: list[str] = field(default_factory=list)
    wrote: bool = False
    exit_code: int = EXIT_OK
    usage_error: str = ""


def build(options: BuildOptions) -> BuildResult:
    """Run the whole pipeline for the publications in ``options``."""
    result = BuildResult()
    src = load.Sources(options.root)
    slugs = _select(src, options.slugs, result)
    if result.usage_error:
        return result
    result.publications = slugs
    _say(options, f"Loading {len(slugs)} publication(s)")
    loaded = load.load_all(src, slugs)
    findings = list(loaded.findings)
    for pub in loaded.publications:
        findings.extend(checks.run_checks(pub))
    if not options.check_only and not _blocking(findings, options.strict):
        findings.extend(_render_and_write(options, loaded.publications, result))
    result.findings = report.sort_findings(findings)
    result.exit_code = _exit_code(result.findings, options.strict)
    _write_reports(src, result, loaded.publications)
    return result


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
    options: BuildOptions, pubs: tuple[Publication, ...], result: BuildResult
) -> list[Finding]:
    project = produce.Project(options.root)
    outputs: list[produce.Output] = []
    findings: list[Finding] = []
    for pub in pubs:
        _say(options, f"Rendering {pub.slug} (print PDF, digital PDF, web page)")
        output = produce.produce(project, pub)
        findings.extend(output.findings)
        outputs.append(output)
    if _blocking(findings, options.strict):
        return findings
    out_dir = options.root / "output"
    for output in outputs:
        _say(options, f"Writing output/{output.slug}/")
        write.write_outputs(out_dir, output.slug, output.files)
    result.wrote = True
    return findings


def _blocking(findings: list[Finding], strict: bool) -> bool:
    worst = {Severity.ERROR} | ({Severity.WARNING} if strict else set())
    return any(f.severity in worst for f in findings)


def _exit_code(findings: list[Finding], strict: bool) -> int:
    errors = [f for f in findings if f.severity is Severity.ERROR]
    if any(_is_config(f) for f in errors):
        return EXIT_USAGE
    if errors or (strict and any(f.severity is Severity.WARNING for f in findings)):
        return EXIT_CONTENT
    return EXIT_OK


def _is_config(finding: Finding) -> bool:
    """Errors in the settings (publication.yml, layouts) rather than in the writing."""
    path = finding.location.path
    if path.startswith("layouts"):
        return True
    return path.endswith(CONFIG_FILES) and finding.rule not in checks.RULES_BY_ID


def _write_reports(src: load.Sources, result: BuildResult, pubs: tuple[Publication, ...]) -> None:
    out_dir = src.root / "output"
    summary = report.report_json(result.findings, result.publications)
    write.write_file(out_dir / "report.json", summary)
    write.write_file(out_dir / "report.html", report_html.report_html(result.findings, pubs))


def _say(options: BuildOptions, message: str) -> None:
    if options.progress is not None:
        options.progress(message)
