"""The output registry: every output is one registered module, and what the build makes, the job
sheet lists and the web page offers follows the registry, with no other edits."""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Iterator
from pathlib import Path

import pytest

from pressroom.outputs import registry
from pressroom.outputs.spec import Files, OutputSpec, Work, file_size
from pressroom.source.kinds import kind_of
from pressroom.source.load import Sources, load_publication

from .browsing import SLUGS
from .conftest import Project, make_project


def page_titles(work: Work) -> Files:
    """A tiny output made from the model only: the publication's page titles, one a line."""
    lines = [page.title for page in work.pub.pages if page.title]
    return {f"{work.pub.slug}-titles.txt": ("\n".join(lines) + "\n").encode("utf-8")}


TITLES = OutputSpec(
    name="page-titles",
    files=("{slug}-titles.txt",),
    needs="model",
    make=page_titles,
    purpose="page titles as plain text (a test's output)",
    download=lambda pub, words: f"The page titles of {pub.settings.title}",
)


@pytest.fixture
def titles_registered() -> Iterator[None]:
    registry.register(TITLES)
    try:
        yield
    finally:
        registry.unregister(TITLES.name)


def test_a_registered_output_is_made_listed_on_the_job_sheet_and_offered_on_the_web(
    tmp_path: Path, titles_registered: None
) -> None:
    project = make_project(tmp_path)
    run = project.build("mini-easy")  # the real command: both halves in worker processes
    assert run.code == 0, run.out
    made = project.output("mini-easy/mini-easy-titles.txt").read_bytes()
    pub, _ = project.load("mini-easy")
    assert pub is not None
    assert made.decode().splitlines() == [p.title for p in pub.pages if p.title]

    job = json.loads(project.output("mini-easy/mini-easy-job.json").read_text())
    entry = next(f for f in job["files"] if f["name"] == "mini-easy-titles.txt")
    assert entry["purpose"] == TITLES.purpose
    assert entry["sha256"] == hashlib.sha256(made).hexdigest()
    assert entry["bytes"] == len(made)

    page = project.output("mini-easy/web/index.html").read_text()
    link = (
        f'<a href="downloads/mini-easy-titles.txt">The page titles of {pub.settings.title} '
        f'<span class="file-info">(text, {file_size(len(made))})</span></a>'
    )
    assert link in page
    assert project.output("mini-easy/web/downloads/mini-easy-titles.txt").read_bytes() == made


def test_registering_a_name_twice_is_refused(titles_registered: None) -> None:
    with pytest.raises(ValueError, match="page-titles"):
        registry.register(TITLES)


@pytest.mark.parametrize("slug", SLUGS)
def test_every_file_a_build_makes_belongs_to_exactly_one_registered_output(
    site: Project, slug: str
) -> None:
    folder = site.output(slug)
    names = [
        p.relative_to(folder).as_posix()
        for p in folder.rglob("*")
        if p.is_file() and p.name != ".build.json"
    ]
    assert names
    for name in names:
        owners = [spec.name for spec in registry.OUTPUTS if spec.owns(slug, name)]
        assert len(owners) == 1, (name, owners)
    makers = {spec.name for spec in registry.OUTPUTS if any(spec.owns(slug, n) for n in names)}
    expected = {spec.name for spec in registry.OUTPUTS}
    pub, _ = load_publication(Sources(site.root), slug)
    assert pub is not None
    if not any(kind_of(page).own_pdf for page in pub.pages):
        expected.discard("cards")  # the only output a publication may have nothing for
    assert makers == expected


@pytest.mark.parametrize("slug", SLUGS)
def test_the_job_sheet_lists_the_outputs_that_have_a_purpose(site: Project, slug: str) -> None:
    job = json.loads(site.output(f"{slug}/{slug}-job.json").read_text())
    listed = {f["name"]: f["purpose"] for f in job["files"]}
    for spec in registry.OUTPUTS:
        for pattern in spec.patterns(slug):
            if spec.purpose and "*" not in pattern:
                assert listed[pattern] == spec.purpose
            else:
                assert pattern not in listed
    for name, entry in ((f["name"], f) for f in job["files"]):
        data = site.output(f"{slug}/{name}").read_bytes()
        assert entry["sha256"] == hashlib.sha256(data).hexdigest()


LINK_RE = re.compile(
    r'<a href="(?P<href>downloads/[^"]+)">[^<]*<span class="file-info">'
    r"\((?P<kind>[^,]+)(?:, (?P<count>\d+ \w+))?, (?P<size>[\d.]+ [KM]B)\)</span>"
)


@pytest.mark.parametrize("slug", SLUGS)
def test_every_download_link_gives_the_size_of_the_file_it_links(site: Project, slug: str) -> None:
    web = site.output(f"{slug}/web")
    links = list(LINK_RE.finditer((web / "index.html").read_text()))
    assert links
    for link in links:
        data = (web / link["href"]).read_bytes()
        assert link["size"] == file_size(len(data)), link["href"]


@pytest.mark.parametrize("slug", SLUGS)
def test_the_web_page_offers_every_output_with_a_download_label(site: Project, slug: str) -> None:
    page = site.output(f"{slug}/web/index.html").read_text()
    listed = re.findall(r'<li><a href="downloads/([^"]+)">', page)
    offered = [
        (spec.is_for_makers(name), name)
        for spec in registry.OUTPUTS
        if spec.download is not None
        for name in spec.patterns(slug)
    ]  # in registry order, the readers' files first, then those for people who make copies
    assert listed == [name for _for_makers, name in sorted(offered, key=lambda o: o[0])]
