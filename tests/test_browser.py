"""The seed's HTML report in a real browser: headless Chromium renders it, takes a full-page screenshot, and
dumps the DOM it built, in which the summary, the contents, every chart and every link's target must be.

Skips (saying why) where Chromium is absent; ``.ci/run`` installs Debian's ``chromium``. The screenshot is
written to ``$RECONCILE_SCREENSHOT`` when set (to look at it), else into the test's temporary directory.
"""

from __future__ import annotations

import html.parser
import os
import shutil
import subprocess
from pathlib import Path

import pytest

from reconcile import Report
from reconcile.scenarios.reader import load

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "scenarios" / "nk_troops_kursk.yaml"
WIDTH = 1280
TALL = 20000  # the window is made taller than the page, then the screenshot is cropped to the page
FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync", "--hide-scrollbars",
         "--disable-extensions", "--mute-audio"]


def _chromium() -> str | None:
    for name in ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable"):
        found = shutil.which(name)
        if found:
            return found
    return None


CHROMIUM = _chromium()
pytestmark = pytest.mark.skipif(CHROMIUM is None, reason="no Chromium on PATH (Debian: apt-get install chromium; "
                                                          ".ci/run installs it in CI)")


def _run(page: Path, profile: Path, *extra: str) -> subprocess.CompletedProcess:
    assert CHROMIUM is not None
    return subprocess.run([CHROMIUM, *FLAGS, f"--user-data-dir={profile}", *extra, page.as_uri()],
                          capture_output=True, timeout=180)


class _Dom(html.parser.HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.ids: set[str] = set()
        self.hrefs: list[str] = []
        self.images: list[dict[str, str]] = []
        self.tags: list[tuple[str, dict[str, str]]] = []
        self.text: list[str] = []

    def handle_starttag(self, tag, attrs):
        a = {k: v or "" for k, v in attrs}
        self.tags.append((tag, a))
        if "id" in a:
            self.ids.add(a["id"])
        if tag == "a" and "href" in a:
            self.hrefs.append(a["href"])
        if tag == "img":
            self.images.append(a)

    def handle_data(self, data):
        self.text.append(data)


@pytest.fixture(scope="module")
def rendered(tmp_path_factory):
    pytest.importorskip("matplotlib")
    where = tmp_path_factory.mktemp("browser")
    page = where / "seed.html"
    report = Report.from_scenario(load(SEED))
    page.write_text(report.to_html(), encoding="utf-8")
    dumped = _run(page, where / "profile-dom", "--dump-dom", "--virtual-time-budget=5000")
    assert dumped.returncode == 0, dumped.stderr.decode(errors="replace")[-2000:]
    shot = Path(os.environ.get("RECONCILE_SCREENSHOT") or where / "seed.png")
    shot.parent.mkdir(parents=True, exist_ok=True)
    taken = _run(page, where / "profile-shot", f"--window-size={WIDTH},{TALL}", f"--screenshot={shot}")
    assert taken.returncode == 0 and shot.exists(), taken.stderr.decode(errors="replace")[-2000:]
    dom = _Dom()
    dom.feed(dumped.stdout.decode("utf-8"))
    return report, dom, _crop_to_page(shot)


def _crop_to_page(shot: Path) -> Path:
    """Cut the white below the page off the tall screenshot, so it is a full-page picture."""
    from PIL import Image  # matplotlib's own dependency
    import numpy as np

    with Image.open(shot) as im:
        pixels = np.asarray(im.convert("RGB"))
        drawn = np.where((pixels < 250).any(axis=(1, 2)))[0]
        assert drawn.size, "the screenshot is blank"
        bottom = int(drawn.max()) + 24
        assert bottom < TALL - 24, "the page is taller than the window: raise TALL"
        im.crop((0, 0, im.size[0], bottom)).save(shot)
    return shot


def test_the_page_opens_with_the_summary_then_the_contents(rendered):
    _report, dom, _shot = rendered
    assert {"summary", "contents", "discrepancies", "estimates", "figures"} <= dom.ids
    order = [a.get("id") for _tag, a in dom.tags if a.get("id") in ("summary", "contents", "discrepancies",
                                                                       "estimates", "figures")]
    assert order == ["summary", "contents", "discrepancies", "estimates", "figures"]
    text = " ".join(dom.text)
    assert "South Korea National Intelligence Service's 2,700 wounded on 13 Jan 2025" in text
    assert "which leave about 1,333 non-fatal" in text


def test_every_link_points_at_an_element_of_the_page(rendered):
    report, dom, _shot = rendered
    assert len(dom.hrefs) > 50
    assert all(h.startswith("#") for h in dom.hrefs)  # within the page: nothing to fetch
    missing = sorted({h for h in dom.hrefs if h[1:] not in dom.ids})
    assert missing == []
    targets = {h[1:] for h in dom.hrefs}
    from reconcile.report.document import anchor_id

    # every claim, source and document is linked somewhere, and has its row
    assert {anchor_id("claim", c.id) for c in report.claims} <= targets
    assert {anchor_id("source", s.id) for s in report.sources} <= targets
    assert {f"doc-{i}" for i in range(1, len(report.documents) + 1)} <= targets
    assert {f"d{n}" for n in range(1, len(report.discrepancies) + 1)} <= targets


def test_every_chart_is_there_and_decodes(rendered):
    import base64
    import io

    from PIL import Image

    from reconcile.report.plot import chart_groups

    report, dom, _shot = rendered
    pngs = [i for i in dom.images if i["src"].startswith("data:image/png;base64,")]
    svgs = [i for i in dom.images if i["src"].startswith("data:image/svg+xml;base64,")]
    assert len(pngs) == len(report.discrepancies) + len(chart_groups(report))
    assert len(svgs) == 1  # the graph of claims
    for image in pngs:
        assert image["alt"].startswith("Chart: ")
        with Image.open(io.BytesIO(base64.b64decode(image["src"].split(",", 1)[1]))) as im:
            assert im.size[0] >= 600
    # each discrepancy's chart sits beside it, in the same row
    sides = [a for tag, a in dom.tags if tag == "div" and a.get("class") == "side"]
    assert len(sides) == len(report.discrepancies)


def test_the_full_page_screenshot_shows_the_whole_page(rendered):
    from PIL import Image

    _report, _dom, shot = rendered
    with Image.open(shot) as im:
        width, height = im.size
        assert width == WIDTH and height > 3000  # the whole report, not a window's worth
        colours = im.convert("RGB").resize((64, 64)).getcolors(64 * 64)
    assert colours is not None and len(colours) > 20  # drawn, not a blank page
