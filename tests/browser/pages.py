"""What every page a journey reaches must pass, checked in the real browser.

`Visit` wraps one signed-in Playwright page. It listens for console errors, uncaught
exceptions and failed requests for the whole journey, and `check()` runs the per-page checks
on the page that is showing: nothing logged or failed so far, no horizontal scrolling at a
phone's 390 px, and no serious or critical axe-core violation. `finish()` fails the journey if
the browser reached a page that was never checked, so a new step cannot skip them.
"""

from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Page, Request, Response

DESKTOP = {"width": 1280, "height": 900}
PHONE = {"width": 390, "height": 844}
# axe-core's impact levels that fail a page; "minor" and "moderate" are left to review.
BLOCKING_IMPACTS = {"serious", "critical"}

_axe = Axe()
# Off by default in the bundled axe-core (newer releases check it): a visible label that is not
# part of the accessible name breaks voice control ("click OneVoice").
AXE_OPTIONS = {
    "resultTypes": ["violations"],
    "rules": {"label-content-name-mismatch": {"enabled": True}},
}

# The innermost elements that stick out past the right edge, described for the failure
# message. A scrolling box that sticks out is reported; what scrolls inside it is not.
_OVERFLOW_JS = """() => {
  const limit = document.documentElement.clientWidth;
  if (document.documentElement.scrollWidth <= limit) return [];
  const wide = [];
  const describe = (el, box) => el.tagName.toLowerCase() + (el.id ? "#" + el.id : "") +
    " [" + (el.getAttribute("class") || "") + "] " + Math.round(box.left) + "-" +
    Math.round(box.right) + "px";
  const visit = (el) => {
    for (const child of el.children) {
      const box = child.getBoundingClientRect();
      const sticksOut = box.right > limit + 1 && box.width > 0;
      const before = wide.length;
      if (getComputedStyle(child).overflowX === "visible") visit(child);
      if (sticksOut && wide.length === before) wide.push(describe(child, box));
    }
  };
  visit(document.body);
  if (!wide.length) {
    // Positioned elements escape a scrolling box whose containing block is further out.
    for (const el of document.body.querySelectorAll("*")) {
      const box = el.getBoundingClientRect();
      const position = getComputedStyle(el).position;
      if (box.right > limit + 1 && (position === "absolute" || position === "fixed")) {
        wide.push(describe(el, box) + " (" + position + ")");
      }
    }
  }
  return wide.length ? wide.slice(0, 10) : ["(the page scrolls sideways)"];
}"""


@dataclass
class Visit:
    """One journey's browser page, with the problems seen so far and the pages checked."""

    page: Page
    shots: Path
    journey: str
    problems: list[str] = field(default_factory=list)
    checked: set[str] = field(default_factory=set)
    reached: set[str] = field(default_factory=set)

    def __post_init__(self) -> None:
        self.page.set_viewport_size(DESKTOP)
        self.page.on("console", self._console)
        self.page.on("pageerror", lambda error: self.problems.append(f"page error: {error}"))
        self.page.on("requestfailed", self._request_failed)
        self.page.on("response", self._response)
        self.page.on("framenavigated", self._navigated)

    def _console(self, message) -> None:
        if message.type == "error":
            self.problems.append(f"console error on {self.page.url}: {message.text}")

    def _request_failed(self, request: Request) -> None:
        # A link that turns into a file download ends its navigation request this way in
        # Chromium; the download itself is checked by the journey.
        if request.failure == "net::ERR_ABORTED" and request.is_navigation_request():
            return
        # The favicon is fetched after "load"; going on at once (two quick go_back()s) aborts
        # that fetch. Nothing the user sees fails.
        if request.failure == "net::ERR_ABORTED" and request.url.endswith("/favicon.svg"):
            return
        self.problems.append(f"request failed: {request.method} {request.url} {request.failure}")

    def _response(self, response: Response) -> None:
        if response.status >= 400:
            request = response.request
            self.problems.append(f"HTTP {response.status}: {request.method} {response.url}")

    def _navigated(self, frame) -> None:
        if frame == self.page.main_frame:
            self.reached.add(_path(frame.url))

    def check(self, shot: str | None = None) -> None:
        """The page showing now passes every check; `shot` names its screenshot."""
        page = self.page
        page.wait_for_load_state("load")
        where = _path(page.url)
        assert self.problems == [], f"{self.journey}: {where}: {self.problems}"

        page.set_viewport_size(PHONE)
        wide = page.evaluate(_OVERFLOW_JS)
        page.set_viewport_size(DESKTOP)
        assert wide == [], f"{self.journey}: {where} scrolls sideways at 390 px: {wide}"

        results = _axe.run(page, options=AXE_OPTIONS)
        blocking = [
            f"{v['id']} ({v['impact']}): {v['help']} at "
            + ", ".join(" ".join(node["target"]) for node in v["nodes"][:5])
            for v in results.response["violations"]
            if v["impact"] in BLOCKING_IMPACTS
        ]
        assert blocking == [], f"{self.journey}: {where}: axe-core: {blocking}"

        if shot:
            self.screenshot(shot)
        self.checked.add(where)

    def screenshot(self, name: str) -> None:
        """What the browser shows now, as <journey>-<name>.png in the screenshots folder."""
        self.shots.mkdir(parents=True, exist_ok=True)
        self.page.screenshot(path=self.shots / f"{self.journey}-{name}.png")

    def finish(self) -> None:
        """Nothing went wrong since the last check, and every page reached was checked."""
        assert self.problems == [], f"{self.journey}: {self.problems}"
        unchecked = self.reached - self.checked - {"about:blank"}
        assert unchecked == set(), f"{self.journey}: pages reached but never checked: {unchecked}"


def _path(url: str) -> str:
    """The page a URL shows: its path, with UUIDs and numbers kept (one page per object)."""
    if url == "about:blank":
        return url
    parts = urlsplit(url)
    return parts.path + (f"?{parts.query}" if parts.query else "")
