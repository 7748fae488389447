"""``reconcile extract ARTICLE ... --published DATE ... [--outlet NAME] [--subject SLUG] [-o FILE]``: propose the
claims of one article or several as a scenario file, ready for review; ``reconcile extract --into STORY
ARTICLE ...`` adds an article's claims to a story without touching the claims already there.

Several articles make one story: each has its own publication date (``--published`` once per article, in
order, or once for all; or a manifest, ``--manifest FILE``: a YAML list of ``{file, published, outlet}``,
files relative to the manifest). Sources are merged by name (the same name is the same source, whatever id
each article gave it; two different names under one id keep apart as ``id-2``); a claim keeps its id unless
the story already has it, then it becomes ``id-2``, ``id-3``... in file order, so the same articles in the
same order always give the same ids. The story's ``published`` is the latest article's date.

The scenario is written with the scenario writer (so ``reconcile report`` and ``reconcile check`` read it
as it is), to standard output or, with ``-o``, atomically to FILE. What the analyst must review is written
into the file as YAML comments, so it travels with the claims: at the top, the figures left unclassified
(their measure could not be told) with the reason; above each claim, where its words are in the article
(character offsets), whether it is background attributed to the outlet, and what the article says about
checking it. A one-line summary goes to standard error.

Example::

    reconcile extract seeds/000_30923467c61e66e4.txt --published 2025-02-27 -o out/seed.yaml
    reconcile report out/seed.yaml
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

import attrs

from ..claims import Claim, Source
from ..errors import DateError, ScenarioError
from ..extraction.parse import DEFAULT_MODEL, FALLBACK_MODEL
from ..extraction.pipeline import ClaimSpans, Extraction, extract_many
from ..extraction.text import slug
from ..figures.dates import Period

if TYPE_CHECKING:
    from ..scenarios.model import Scenario

__all__ = ["add_arguments", "run", "to_scenario", "render"]


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("articles", metavar="ARTICLE", nargs="*",
                        help="the articles' text (UTF-8); several make one story")
    parser.add_argument("--published", action="append", metavar="DATE",
                        help="the article's publication date (ISO, e.g. 2025-02-27): relative dates resolve "
                             "against it; once per article in order, or once for all")
    parser.add_argument("--manifest", metavar="FILE",
                        help="a YAML list of {file, published, outlet} instead of ARTICLE and --published")
    parser.add_argument("--into", metavar="STORY",
                        help="add the articles' claims to this scenario file (rewritten in place; its claims "
                             "are kept as they are)")
    parser.add_argument("--outlet", metavar="NAME",
                        help="the publishing outlet, source of background figures (default: where the article "
                             "names itself)")
    parser.add_argument("--subject", metavar="SLUG",
                        help="the main subject of the claims (default: derived from the article, e.g. nk-troops-kursk)")
    parser.add_argument("--title", metavar="TEXT", help="the scenario's title")
    parser.add_argument("-o", "--output", metavar="FILE", help="write the scenario to FILE instead of standard output")
    # -- issue 15: the parse
    parser.add_argument("--model", metavar="NAME", default=DEFAULT_MODEL,
                        help="the spaCy pipeline that parses the text, by package name or path (default "
                             f"{DEFAULT_MODEL}, else {FALLBACK_MODEL} when only that is installed)")
    parser.add_argument("--jobs", metavar="N", type=int, default=1,
                        help="parse articles in N worker processes (for many articles; default 1)")


def to_scenario(extraction: Extraction, *, document: str | None = None, title: str | None = None) -> Scenario:
    """The extraction as a :class:`~reconcile.scenarios.Scenario` (claims, sources, publication date)."""
    from ..scenarios.model import Scenario  # noqa: F811 (at call time, as before: importing this module loads no scenarios)

    name = slug(extraction.subject) or "extracted"
    return Scenario(name, title or f"Claims proposed by reconcile extract from {document or 'an article'}",
                    extraction.published, (document,) if document else (), extraction.sources, extraction.claims)


def _comment(text: str) -> str:
    return "# " + " ".join(text.split())


def render(extraction: Extraction, text: str, yaml_text: str, article: str) -> str:
    """The scenario's YAML with the review comments (see the module docstring) added."""
    head = [f"# Proposed by `reconcile extract` from {article} (published {extraction.published}); review",
            "# every claim before use. Offsets are characters into the article text."]
    if extraction.outlet is not None and extraction.outlet.id == "outlet":
        head.append("# Outlet: the article does not name its publisher; background figures are attributed to")
        head.append("# the source `outlet` (rerun with --outlet NAME, or rename it).")
    elif extraction.outlet is not None:
        head.append(f"# Outlet: {extraction.outlet.name} ({extraction.outlet.id}); background figures are its claims.")
    if extraction.unclassified:
        head.append("# Figures not made claims (their measure could not be told; add them by hand if they matter):")
        for u in extraction.unclassified:
            head.append(_comment(f"#   {u.text!r} at {u.span.start}-{u.span.end} (source {u.source}): {u.reason}")
                        .replace("# #", "#"))
    by_id = {s.claim_id: s for s in extraction.spans}
    lines: list[str] = []
    for line in yaml_text.splitlines():
        if line.startswith("  - id: "):
            spans = by_id.get(line[len("  - id: "):].strip().strip('"'))
            if spans is not None:
                lines.extend(_claim_comments(spans, text))
        lines.append(line)
    return "\n".join(head + lines) + "\n"


def _claim_comments(spans: "ClaimSpans", text: str) -> list[str]:
    """The review comments above one proposed claim: where its figure stands, the extractor's notes, its period."""
    figure = spans.figure
    out = ["  " + _comment(f"{figure.of(text)!r} at {figure.start}-{figure.end}, sentence "
                           f"{spans.sentence.start}-{spans.sentence.end}")]
    out += ["  " + _comment(note) for note in spans.notes]
    if spans.period is not None:
        out.append("  " + _comment(f"period: {spans.period} (the as_of this figure covers)"))
    return out


@attrs.frozen
class Article:
    """One article to extract: its file, publication date and outlet (``None``: as the article names it)."""

    path: Path
    published: Period
    outlet: str | None = None


def articles(args: argparse.Namespace) -> list[Article]:
    """The articles the command line names, each with its date: from ``--manifest``, or ARTICLE paths with
    ``--published`` once per article or once for all."""
    if args.manifest:
        if args.articles:
            raise ScenarioError("articles given twice", field="--manifest", text=" ".join(args.articles),
                                expected="either ARTICLE ... with --published, or --manifest FILE")
        return _manifest(Path(args.manifest), args.outlet)
    if not args.articles:
        raise ScenarioError("no article", field="ARTICLE", expected="one or more article files, or --manifest FILE")
    dates = args.published or []
    if len(dates) not in (1, len(args.articles)):
        raise ScenarioError("one --published per article", field="--published",
                            text=f"{len(dates)} dates for {len(args.articles)} articles",
                            expected="--published once for all articles, or once per article in order")
    out = []
    for i, name in enumerate(args.articles):
        text = dates[i] if len(dates) > 1 else dates[0]
        try:
            published = Period.parse(text)
        except DateError as err:
            raise err.located(field="--published") from None
        out.append(Article(Path(name), published, args.outlet))
    return out


def _manifest(path: Path, outlet: str | None) -> list[Article]:
    import yaml

    from ..errors import ErrorList, ReconcileError

    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except yaml.YAMLError as exc:
        raise ScenarioError("not YAML", file=str(path), text=str(exc).splitlines()[0],
                            expected="a list of {file, published, outlet}") from None
    if not isinstance(data, list) or not data:
        raise ScenarioError("not a list of articles", file=str(path), text=repr(data)[:60],
                            expected="a list of {file, published, outlet}")
    out: list[Article] = []
    errors: list[ReconcileError] = []
    for n, entry in enumerate(data, 1):
        where = f"articles[{n}]"
        if not isinstance(entry, dict) or "file" not in entry or "published" not in entry:
            errors.append(ScenarioError("an article needs file and published", file=str(path), field=where,
                                        text=repr(entry)[:60], expected="{file: A.txt, published: 2025-02-27}"))
            continue
        try:
            published = Period.parse(entry["published"])
        except DateError as err:
            errors.append(err.located(file=str(path), field=f"{where}.published"))
            continue
        out.append(Article(path.parent / str(entry["file"]), published, entry.get("outlet", outlet)))
    if errors:
        raise errors[0] if len(errors) == 1 else ErrorList(errors)
    return out


def _read(path: Path) -> str:
    try:
        return path.read_text(encoding="utf-8")
    except UnicodeDecodeError as exc:
        raise ScenarioError("not UTF-8 text", file=str(path), text=str(exc.reason), expected="an article in UTF-8") \
            from None


def _fresh(name: str, taken: set[str]) -> str:
    """``name``, or ``name-2``, ``name-3``... the first not in ``taken`` (which it joins)."""
    candidate, n = name, 1
    while candidate in taken:
        n += 1
        candidate = f"{name}-{n}"
    taken.add(candidate)
    return candidate


class Story:
    """Claims and sources gathered article by article: sources merged by name, ids kept unless taken."""

    def __init__(self, sources: "tuple[Source, ...]" = (), claims: "tuple[Claim, ...]" = ()) -> None:
        self.sources: dict[str, Source] = {s.id: s for s in sources}
        self.by_name: dict[str, Source] = {s.label.casefold(): s for s in sources}
        self.claims: list[Claim] = list(claims)
        self.claim_ids: set[str] = {c.id for c in claims}

    def _source(self, s: Source, mapped: dict[str, Source]) -> Source:
        if s.id in mapped:
            return mapped[s.id]
        same = self.by_name.get(s.label.casefold())
        if same is None:
            same = s if s.id not in self.sources else attrs.evolve(s, id=_fresh(s.id, set(self.sources)))
            self.sources[same.id] = same
            self.by_name[same.label.casefold()] = same
        mapped[s.id] = same
        return same

    def add(self, extraction: Extraction) -> dict[str, str]:
        """Add an article's claims; returns the claim ids that had to change (old -> new)."""
        mapped: dict[str, Source] = {}
        for s in extraction.sources:
            self._source(s, mapped)
        renamed = {c.id: _fresh(c.id, self.claim_ids) for c in extraction.claims}
        for c in extraction.claims:
            estimate = c.estimate
            if c.rule == "fraction" and estimate is not None and c.derived_from:
                whole = c.derived_from[0]  # "two-thirds of zel-casualties" names its whole in the text
                if renamed.get(whole, whole) != whole and estimate.text.endswith(f" of {whole}"):
                    estimate = attrs.evolve(estimate, text=estimate.text[:-len(whole)] + renamed[whole])
            self.claims.append(attrs.evolve(
                c, id=renamed[c.id], source=self._source(c.source, mapped), estimate=estimate,
                via=tuple(self._source(v, mapped) for v in c.via),
                derived_from=tuple(renamed.get(i, i) for i in c.derived_from),
                denies=tuple(renamed.get(i, i) for i in c.denies)))
        return {old: new for old, new in renamed.items() if old != new}


def _comments(parts: "list[tuple[Extraction, str, str, dict[str, str]]]", yaml_text: str) -> str:
    """The story's YAML with each article's review comments (see :func:`render`), claims renamed."""
    head: list[str] = []
    by_id: dict[str, Any] = {}
    for extraction, text, article, renamed in parts:
        head += render(extraction, text, "", article).splitlines()
        if renamed:
            head.append(_comment("# Claims renamed because the story already had their ids: "
                                 + ", ".join(f"{a} -> {b}" for a, b in sorted(renamed.items()))).replace("# #", "#"))
        for spans in extraction.spans:
            by_id[renamed.get(spans.claim_id, spans.claim_id)] = (spans, text)
    lines: list[str] = []
    for line in yaml_text.splitlines():
        if line.startswith("  - id: "):
            found = by_id.get(line[len("  - id: "):].strip().strip('"'))
            if found is not None:
                lines.extend(_claim_comments(*found))
        lines.append(line)
    return "\n".join(head + lines) + "\n"


def run(args: argparse.Namespace) -> int:
    from ..scenarios.writer import dumps

    if args.into and args.output:
        raise ScenarioError("two outputs", field="--into", text=f"--into {args.into} -o {args.output}",
                            expected="--into STORY (rewritten in place) or -o FILE, not both")
    todo = articles(args)
    story_file = Path(args.into) if args.into else None
    existing: Scenario | None = None
    if story_file is not None:
        from ..scenarios.reader import load

        existing = load(story_file)
    target = story_file if story_file is not None else (Path(args.output) if args.output else None)
    base = target.resolve().parent if target is not None else Path.cwd()
    story = Story(existing.sources, existing.claims) if existing is not None else Story()
    parts = []
    documents = list(existing.documents) if existing is not None else []
    subjects = []
    texts = [_read(article.path) for article in todo]
    # One batch through the parser (nlp.pipe, --jobs processes), each article with its own date and outlet.
    results = extract_many([(text, article.published, {"outlet": article.outlet}) for text, article in zip(texts, todo)],
                           model=args.model, jobs=args.jobs, subject=args.subject)
    for article, text, result in zip(todo, texts, results):
        parts.append((result, text, article.path.name, story.add(result)))
        documents.append(Path(os.path.relpath(article.path.resolve(), base)).as_posix())
        subjects.append(result.subject)
        print(f"{article.path.name}: {len(result.claims)} claims from {len(result.sources)} sources; "
              f"{len(result.unclassified)} figures unclassified; subject {result.subject}", file=sys.stderr)

    dates = [a.published for a in todo] + ([existing.published] if existing and existing.published else [])
    latest = max(dates, key=lambda p: (p.end, p.start))
    if existing is not None:
        scenario = attrs.evolve(existing, published=latest, documents=tuple(dict.fromkeys(documents)),
                                sources=tuple(story.sources.values()), claims=tuple(story.claims))
    elif len(parts) == 1:
        name = todo[0].path.name
        scenario = to_scenario(attrs.evolve(parts[0][0], claims=tuple(story.claims),
                                            sources=tuple(story.sources.values())),
                               document=documents[0], title=args.title or f"Claims proposed by reconcile extract from {name}")
    else:
        from ..scenarios.model import Scenario  # noqa: F811

        scenario = Scenario(slug(subjects[0]) or "extracted",
                            args.title or f"Claims proposed by reconcile extract from {len(parts)} articles",
                            latest, tuple(documents), tuple(story.sources.values()), tuple(story.claims))
    output = _comments(parts, dumps(scenario))
    if target is not None:
        from ..io import write_atomic

        write_atomic(target, output)
        print(f"wrote {target}", file=sys.stderr)
    else:
        sys.stdout.write(output)
    if len(parts) > 1 or existing is not None:
        print(f"{len(scenario.claims)} claims from {len(scenario.sources)} sources in the story", file=sys.stderr)
    return 0
