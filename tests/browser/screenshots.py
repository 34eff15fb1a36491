"""Publish a few journey screenshots to docs/screenshots as small WebP files.

`make screenshots` runs the browser journeys (which write PNGs of their key pages to
build/screenshots/) and then this module, which converts the pages listed below. The README
shows them; everything else stays in the gitignored build folder.
"""

import sys
from pathlib import Path

from PIL import Image

# journey-page name -> file name under docs/screenshots (the README refers to these).
PUBLISHED = {
    "rep-persona": "rep-persona.webp",
    "rep-deck": "rep-deck.webp",
    "marketer-upload-progress": "marketer-upload-progress.webp",
    "manager-unused": "manager-unused.webp",
    "manager-coverage": "manager-coverage.webp",
}
QUALITY = 70  # text stays crisp at 1280 px; about 50 KB a page


def publish(source: Path, target: Path) -> list[Path]:
    missing = [name for name in PUBLISHED if not (source / f"{name}.png").exists()]
    if missing:
        raise SystemExit(f"Missing screenshots in {source}: {', '.join(missing)}")
    target.mkdir(parents=True, exist_ok=True)
    for old in target.iterdir():
        if old.name not in PUBLISHED.values():
            old.unlink()
    written = []
    for name, filename in PUBLISHED.items():
        with Image.open(source / f"{name}.png") as image:
            image.convert("RGB").save(target / filename, "WEBP", quality=QUALITY, method=6)
        written.append(target / filename)
    return written


if __name__ == "__main__":
    source, target = (Path(arg) for arg in sys.argv[1:3])
    for path in publish(source, target):
        print(f"{path} ({path.stat().st_size // 1024} KB)")
