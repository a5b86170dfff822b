"""Every finding the build can give is a real rule: in the catalogue, documented in the README,
with an exit class, and changed by ``checks:`` settings and ``allow`` markers where that makes
sense, whichever stage finds it."""

from __future__ import annotations

import ast

import pytest

from pressroom import checks, pipeline
from pressroom.checks import apply_settings
from pressroom.checks._catalogue import catalogue, profile_columns, readme_tables
from pressroom.model import Finding, Location, Publication, Severity
from pressroom.source.profiles import shipped_profiles

from .conftest import REPO, Project

PACKAGE = REPO / "pressroom"
README_START = "<!-- rules table: made by python -m pressroom.checks._catalogue -->"
README_END = "<!-- end of rules table -->"
# Where the code constructs a finding, and which argument is its id.
CONSTRUCTORS = {
    "Finding": (2, "rule"),
    "PictureProblem": (0, "rule"),
    "Rule": (0, "id"),
    "facts_rule": (0, "id"),
}
# The only places an id is not written as a string, and why that is safe.
DYNAMIC_IDS = {
    ("cache.py", "str(item['rule'])"),  # findings read back from the cache, made by the code here
    ("_api.py", "self.rule.id"),  # a writing rule's own id (Rule(id=...) is scanned)
    ("_api.py", "id"),  # facts_rule(id=...) makes a Rule; its calls are scanned
    ("load.py", "result.rule"),  # a PictureProblem (PictureProblem(...) is scanned)
}
# Ids that work merged in parallel adds (issue 11 points 2, 3 and 6): listed and documented here
# first. Remove an id from this set when the code that gives it lands.
PENDING: set[str] = set()


def _ids_in_code() -> tuple[dict[str, list[str]], set[tuple[str, str]]]:
    constant: dict[str, list[str]] = {}
    dynamic: set[tuple[str, str]] = set()
    for path in sorted(PACKAGE.rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if not isinstance(node, ast.Call):
                continue
            func = node.func
            name = func.id if isinstance(func, ast.Name) else getattr(func, "attr", "")
            if name not in CONSTRUCTORS:
                continue
            index, keyword = CONSTRUCTORS[name]
            arg = node.args[index] if len(node.args) > index else None
            arg = arg or next((k.value for k in node.keywords if k.arg == keyword), None)
            where = f"{path.relative_to(REPO)}:{node.lineno}"
            if isinstance(arg, ast.Constant) and isinstance(arg.value, str):
                constant.setdefault(arg.value, []).append(where)
            else:
                dynamic.add((path.name, ast.unparse(arg) if arg else "?"))
    return constant, dynamic


def test_no_code_gives_a_finding_id_missing_from_the_catalogue() -> None:
    constant, dynamic = _ids_in_code()
    missing = {rule: places for rule, places in constant.items() if rule not in catalogue()}
    assert not missing, f"add these ids to pressroom/checks/catalogue.yml: {missing}"
    assert dynamic <= DYNAMIC_IDS, f"a finding id that is not a string: {dynamic - DYNAMIC_IDS}"


def test_every_catalogue_id_is_given_by_some_code() -> None:
    constant, _dynamic = _ids_in_code()
    given = set(constant) | {rule.id for rule in checks.ALL_CHECKS}
    assert not PENDING & given, f"now given by the code, take out of PENDING: {PENDING & given}"
    assert set(catalogue()) - given == PENDING


def test_every_writing_rule_is_catalogued_with_its_profiles() -> None:
    for rule in checks.ALL_CHECKS:
        found = catalogue()[rule.id]
        assert found.stages[0] == "check" and found.settable, rule.id
        for profile, audience in shipped_profiles().items():
            settings = audience.rules
            severity = found.severity[profile]
            assert (severity == "–") == (rule.id not in settings), (rule.id, profile)
            if "severity" in settings.get(rule.id, {}):
                assert settings[rule.id]["severity"] in severity, (rule.id, profile)


def test_every_entry_is_documented() -> None:
    for found in catalogue().values():
        assert len(found.what.split()) >= 2 and found.fix.endswith("."), found.id
        assert "|" not in found.what + found.fix, found.id  # it would break the README table


def test_the_readme_rule_tables_are_made_from_the_catalogue() -> None:
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    assert README_START in readme and README_END in readme
    written = readme.split(README_START, 1)[1].split(README_END, 1)[0].strip()
    assert written == readme_tables().strip(), (
        "the README's rule tables differ from the catalogue: run "
        ".venv/bin/python -m pressroom.checks._catalogue and paste its output between the markers"
    )
    rows = {line.split("`")[1] for line in written.splitlines() if line.startswith("| `")}
    assert rows == set(catalogue())
    assert [short for _, short in profile_columns()] == ["ER", "YP"]


# --- exit codes ------------------------------------------------------------------------------------


def _finding(rule: str, path: str, severity: Severity = Severity.ERROR) -> Finding:
    return Finding(Location(path, 1, 1), severity, rule, "message", "fix")


@pytest.mark.parametrize("rule", sorted(r for r, e in catalogue().items() if e.exit == "content"))
def test_a_content_problem_exits_1_even_when_found_at_publication_yml(rule: str) -> None:
    for path in ("content/x/publication.yml", "content/x/020-page.md"):
        assert pipeline._exit_code([_finding(rule, path)], strict=False) == 1, (rule, path)


def test_settings_problems_exit_2() -> None:
    settings = [r for r, e in catalogue().items() if e.exit == "settings"]
    assert {"bad-check-setting", "bad-slug", "icc-profile", "template-error"} <= set(settings)
    for rule in settings:
        assert pipeline._exit_code([_finding(rule, "content/x/publication.yml")], False) == 2
    assert pipeline._exit_code([_finding("yaml-syntax", "content/x/publication.yml")], False) == 2
    assert pipeline._exit_code([_finding("yaml-syntax", "content/x/glossary.yml")], False) == 1
    assert pipeline._exit_code([_finding("weasyprint", "layouts/base/print.css")], False) == 2


def test_a_placeholder_in_publication_yml_is_a_content_problem(project: Project) -> None:
    settings = project.root / "content/mini-easy/publication.yml"
    text = settings.read_text(encoding="utf-8")
    settings.write_text(text + '  phone: "[phone number]"\n', encoding="utf-8")
    run = project.build("--check", "mini-easy")
    assert [line.split(": ", 2)[1] for line in run.lines] == ["warning[placeholder]"]
    assert run.code == 0
    strict = project.build("--check", "--strict", "mini-easy")
    assert strict.lines == run.lines and strict.code == 1


# --- settings and allow markers on findings from every stage ----------------------------------------


def _publication(project: Project, checks_yaml: str = "", page_line: str = "") -> Publication:
    settings = project.root / "content/mini-easy/publication.yml"
    settings.write_text(settings.read_text(encoding="utf-8") + checks_yaml, encoding="utf-8")
    if page_line:
        page = project.root / "content/mini-easy/020-about.md"
        page.write_text(page.read_text(encoding="utf-8") + page_line + "\n", encoding="utf-8")
    pub, problems = project.load("mini-easy")
    assert pub is not None, problems
    return pub


def _last_line(project: Project) -> int:
    page = project.root / "content/mini-easy/020-about.md"
    return len(page.read_text(encoding="utf-8").splitlines())


def _layout_finding(rule: str, line: int) -> Finding:
    return Finding(
        Location("content/mini-easy/020-about.md", line, 1),
        Severity.ERROR,
        rule,
        "This page runs onto a second printed page.",
        "Shorten it.",
    )


@pytest.mark.parametrize(("setting", "expect"), [("{severity: warning}", "warning"), ("off", "")])
def test_checks_settings_change_a_layout_finding(
    project: Project, setting: str, expect: str
) -> None:
    pub = _publication(project, f"checks:\n  page-fit: {setting}\n")
    fit = _layout_finding("page-fit", 5)
    kept = apply_settings(pub, [fit], pipeline.RENDER_STAGES)
    assert [f.severity.value for f in kept] == ([expect] if expect else [])


def test_without_settings_a_layout_finding_is_kept(project: Project) -> None:
    pub = _publication(project)
    fit = _layout_finding("page-fit", 5)
    assert apply_settings(pub, [fit], pipeline.RENDER_STAGES) == [fit]


def test_an_allow_marker_accepts_a_layout_finding_on_its_line(project: Project) -> None:
    pub = _publication(project, page_line="<!-- allow page-fit: the map must stay whole -->")
    line = _last_line(project) + 1  # a marker alone on a line covers the next line
    fit = _layout_finding("page-fit", line)
    assert apply_settings(pub, [fit], pipeline.RENDER_STAGES) == []
    # Nothing to accept: the marker is reported as not needed, but only once layout has run.
    unused = apply_settings(pub, [], pipeline.RENDER_STAGES)
    assert [(f.rule, f.severity) for f in unused] == [("allow-marker", Severity.WARNING)]
    assert apply_settings(pub, [], ("check",)) == []


def test_lost_text_cannot_be_switched_off_or_allowed(project: Project) -> None:
    pub = _publication(
        project,
        "checks:\n  lost-text: off\n",
        "<!-- allow lost-text: we know it does not fit -->",
    )
    lost = _layout_finding("lost-text", _last_line(project) + 1)
    assert apply_settings(pub, [lost], pipeline.RENDER_STAGES) == [lost]
    problems = checks.run_checks(pub)
    rules = sorted(f.rule for f in problems if f.rule in {"bad-check-setting", "allow-marker"})
    assert rules == ["allow-marker", "bad-check-setting"]


def test_a_check_setting_for_an_unknown_id_suggests_a_catalogued_one(project: Project) -> None:
    pub = _publication(project, "checks:\n  page-fitt: off\n")
    messages = [f.message for f in checks.run_checks(pub) if f.rule == "bad-check-setting"]
    assert messages == ["There is no rule called 'page-fitt'. Did you mean \"page-fit\"?"]


def test_generated_reports_only_hold_catalogued_ids(project: Project) -> None:
    run = project.build("--check")
    for line in run.lines:
        rule = line.split("[", 1)[1].split("]", 1)[0]
        assert rule in catalogue(), line


def test_the_printed_length_follows_the_publications_limits(project: Project) -> None:
    from pressroom.outputs import press
    from pressroom.outputs.printing.plan import Span

    spans = [Span(n, "content", "A page", "", n + 1, 1) for n in range(30)]  # 30 printed pages
    pub = _publication(project)
    assert [f.severity for f in press.printed_length(pub, spans)] == [Severity.ERROR]
    pub = _publication(project, "checks:\n  document-length: {warn: 40, error: 50}\n")
    assert press.printed_length(pub, spans) == []
