"""How fast ``reconcile.extract`` reads text, in MB of text per second, with spaCy's parse.

    python bench/bench_extract.py [MEGABYTES] [RUNS] [JOBS]

The corpus is the seed article and the invented paragraphs of ``tests/fixtures/extract/`` repeated to
MEGABYTES (default 0.5) of text. Measurements, each the median of RUNS (default 3):

- *articles*: every article extracted on its own, as ``reconcile extract`` does (parse included);
- *batched*: :func:`reconcile.extraction.extract_many` (the parse batched through ``nlp.pipe``), and with
  JOBS worker processes (default 2) when JOBS > 1;
- *parse only* and *rules only* (the extractor given each article's parse): what the parse costs against
  the rules, which are the whole of the extractor before issue 15;
- *one text*: the whole corpus as a single text, and a quarter of it (linear if the MB/s are about equal).
"""

from __future__ import annotations

import statistics
import sys
import time
from pathlib import Path

from reconcile import extract
from reconcile.extraction import extract_many
from reconcile.extraction.parse import load_model

ROOT = Path(__file__).resolve().parent.parent
# (file, publication date) for every article in the corpus
ARTICLES = [(ROOT / "seeds" / "000_30923467c61e66e4.txt", "2025-02-27")] + [
    (ROOT / "tests" / "fixtures" / "extract" / name, published) for name, published in [
        ("strike_according_to.txt", "2024-03-07"), ("assault_estimate_range.txt", "2023-11-22"),
        ("excess_deaths_ci.txt", "2023-06-05"), ("deployment_as_many_as.txt", "2024-10-25"),
        ("displacement_up_from.txt", "2024-06-13"), ("withdrawal_denied.txt", "2025-03-05")]]


def corpus(megabytes: float) -> list[tuple[str, str]]:
    """(text, published) pairs repeated until they hold ``megabytes`` of UTF-8 text."""
    base = [(path.read_text(encoding="utf-8"), published) for path, published in ARTICLES]
    out: list[tuple[str, str]] = []
    size = 0
    while size < megabytes * 1e6:
        for text, published in base:
            out.append((text, published))
            size += len(text.encode("utf-8"))
    return out


def _median_seconds(work, runs: int) -> float:
    times = []
    for _ in range(runs):
        t0 = time.perf_counter()
        work()
        times.append(time.perf_counter() - t0)
    return statistics.median(times)


def main() -> None:
    megabytes = float(sys.argv[1]) if len(sys.argv) > 1 else 0.5
    runs = int(sys.argv[2]) if len(sys.argv) > 2 else 3
    jobs = int(sys.argv[3]) if len(sys.argv) > 3 else 2
    articles = corpus(megabytes)
    size = sum(len(t.encode("utf-8")) for t, _ in articles) / 1e6
    nlp = load_model()
    claims = sum(len(extract(t, published=p).claims) for t, p in articles[:len(ARTICLES)])
    print(f"corpus: {size:.2f} MB in {len(articles):,} articles ({claims} claims per {len(ARTICLES)} articles); "
          f"runs: {runs}; model {nlp.meta['name']} {nlp.meta['version']}")

    per_article = _median_seconds(lambda: [extract(t, published=p) for t, p in articles], runs)
    print(f"articles one at a time: median {per_article:.2f} s  ({size / per_article:.3f} MB/s)")
    batched = _median_seconds(lambda: extract_many(articles), runs)
    print(f"batched (nlp.pipe):     median {batched:.2f} s  ({size / batched:.3f} MB/s)")
    if jobs > 1:
        parallel = _median_seconds(lambda: extract_many(articles, jobs=jobs), runs)
        print(f"batched, --jobs {jobs}:      median {parallel:.2f} s  ({size / parallel:.3f} MB/s)")
    docs = list(nlp.pipe([t for t, _ in articles]))
    parse_only = _median_seconds(lambda: list(nlp.pipe([t for t, _ in articles])), runs)
    rules_only = _median_seconds(lambda: [extract(t, published=p, doc=d) for (t, p), d in zip(articles, docs)],
                                 runs)
    print(f"parse only:             median {parse_only:.2f} s  ({size / parse_only:.3f} MB/s)")
    print(f"rules only (given the parse): median {rules_only:.2f} s  ({size / rules_only:.3f} MB/s); the parse "
          f"is {parse_only / (parse_only + rules_only):.0%} of the batched time")

    whole = "\n\n".join(t for t, _ in articles)
    quarter = whole[:len(whole) // 4]
    t_whole = _median_seconds(lambda: extract(whole, published="2025-03-05"), runs)
    t_quarter = _median_seconds(lambda: extract(quarter, published="2025-03-05"), runs)
    mb_whole, mb_quarter = len(whole.encode("utf-8")) / 1e6, len(quarter.encode("utf-8")) / 1e6
    print(f"as one text:            median {t_whole:.2f} s  ({mb_whole / t_whole:.3f} MB/s); a quarter of it "
          f"{mb_quarter / t_quarter:.3f} MB/s (linear if about equal)")


if __name__ == "__main__":
    main()
