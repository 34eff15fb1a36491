"""Untrusted files are decoded in a separate, resource-limited Python process.

A small file can decode to a lot of memory: a 132 KB PNG of 40 megapixels is 160 MB of pixels,
and every copy made while rotating or resizing it adds as much again. In the web worker that
memory stays with the worker after the request (the allocator keeps it); in a child process
it is capped (address space and CPU time, set before the file is opened) and returned to the
system when the child exits. The web worker only reads headers and receives small results.

Used by persona photos (personas.photo_worker) and collateral previews (collateral.preview).
It lives in `personas`, the lowest app, so both may use it. This module must not import
Django: children import it and must start small and fast.
"""

import contextlib
import logging
import os
import subprocess
import sys
import tempfile
import warnings
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import IO

from PIL import Image

# CPU seconds a child may use, and the wall-clock time the web worker waits for it: more than
# the CPU cap, so a busy machine slows a large image down instead of refusing it.
CHILD_CPU_SECONDS = 20
CHILD_TIMEOUT_SECONDS = 60
CHILD_MEMORY_BYTES = 768 * 1024 * 1024
# The child imports its module by name, so it runs from the project directory.
PROJECT_DIR = Path(__file__).resolve().parent.parent

# How a child ends; anything else (a crash, a signal from its limits) means it failed.
EXIT_OK = 0
EXIT_FAILED = 1
EXIT_USAGE = 2
EXIT_UNREADABLE = 3
EXIT_TOO_MANY_PIXELS = 4

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class ChildResult:
    """What a child returned: its exit code (None when it timed out or could not start)."""

    returncode: int | None
    output: bytes

    @property
    def ok(self) -> bool:
        return self.returncode == EXIT_OK


def run_child(module: str, *args: str, timeout: float = CHILD_TIMEOUT_SECONDS) -> ChildResult:
    """Run `python -m module args...` with a timeout; its stdout is the result."""
    try:
        result = subprocess.run(
            [sys.executable, "-m", module, *args],
            capture_output=True,
            timeout=timeout,
            cwd=PROJECT_DIR,
            env={"PATH": os.environ.get("PATH", ""), "PYTHONPATH": str(PROJECT_DIR)},
            check=False,
        )
    except subprocess.TimeoutExpired:
        logger.warning("%s timed out after %ss", module, timeout)
        return ChildResult(None, b"")
    except OSError:
        logger.exception("%s could not start", module)
        return ChildResult(None, b"")
    if result.returncode != EXIT_OK:
        logger.info(
            "%s failed (exit code %s): %s",
            module,
            result.returncode,
            result.stderr[-300:].decode(errors="replace").strip(),
        )
    return ChildResult(result.returncode, result.stdout)


@contextlib.contextmanager
def local_path(file: IO[bytes], suffix: str = "") -> Iterator[str]:
    """A path to the bytes of `file`: an upload Django spooled to disk, or a temporary copy
    of one held in memory (small uploads, generated files). `file` is left at position 0."""
    temporary = getattr(file, "temporary_file_path", None)
    if temporary is not None:
        yield temporary()
        return
    with tempfile.NamedTemporaryFile(suffix=suffix) as copy:
        file.seek(0)
        for chunk in iter(lambda: file.read(1024 * 1024), b""):
            copy.write(chunk)
        copy.flush()
        file.seek(0)
        yield copy.name


# ---- Inside the child --------------------------------------------------------------------


class TooManyPixels(Exception):
    """The image is larger than the pixel limit (a decompression bomb, or just too big)."""


class Unreadable(Exception):
    """The file is not a complete image of an accepted format."""


def check_header(source: str | IO[bytes], formats: list[str], max_pixels: int) -> tuple[str, int]:
    """(format, pixel count) read from the image header only, or TooManyPixels / Unreadable.

    Cheap enough for the web worker: no pixel data is decoded. Pillow's own bomb warning
    (between its limit and twice that, where it only warns) counts as a refusal.
    """
    with warnings.catch_warnings():
        warnings.simplefilter("error", Image.DecompressionBombWarning)
        try:
            if not isinstance(source, str):
                source.seek(0)
            with Image.open(source, formats=formats) as image:
                image_format, pixels = image.format, image.width * image.height
        except (Image.DecompressionBombError, Image.DecompressionBombWarning):
            raise TooManyPixels from None
        except Exception:
            raise Unreadable from None
        finally:
            if not isinstance(source, str):
                source.seek(0)
    if pixels > max_pixels:
        raise TooManyPixels
    return image_format, pixels


def decode_image(path: str, formats: list[str], max_pixels: int) -> Image.Image:
    """The fully decoded image at `path`, or TooManyPixels / Unreadable (checklist A3).

    Only in a child. The header is checked first, `verify()` checks the structure, and only
    then is a fresh handle decoded in full; truncated files fail there because
    LOAD_TRUNCATED_IMAGES stays off.
    """
    check_header(path, formats, max_pixels)
    with warnings.catch_warnings():
        warnings.simplefilter("error", Image.DecompressionBombWarning)
        try:
            with Image.open(path, formats=formats) as probe:
                probe.verify()
            image = Image.open(path, formats=formats)
            image.load()
        except MemoryError:
            raise
        except (Image.DecompressionBombError, Image.DecompressionBombWarning):
            raise TooManyPixels from None
        except Exception:
            # Pillow's decoders raise many exception types on hostile or broken input
            # (OSError, SyntaxError, ValueError, struct.error, ...). All mean the same to us.
            raise Unreadable from None
    return image


def limit_resources() -> None:
    """Cap this process's memory and CPU time. Children call it before opening anything."""
    import resource  # POSIX only, and only children need it

    resource.setrlimit(resource.RLIMIT_AS, (CHILD_MEMORY_BYTES, CHILD_MEMORY_BYTES))
    resource.setrlimit(resource.RLIMIT_CPU, (CHILD_CPU_SECONDS, CHILD_CPU_SECONDS))


def child_main(argv: list[str], usage: str, work: Callable[[str, int], bytes]) -> int:
    """The body of an image child's `main`: limits first, then `work(path, max_pixels)`,
    whose bytes go to stdout; the exit code says why there are none."""
    limit_resources()
    if len(argv) != 3 or not argv[2].isdigit():
        print(f"usage: {usage}", file=sys.stderr)
        return EXIT_USAGE
    try:
        data = work(argv[1], int(argv[2]))
    except TooManyPixels:
        return EXIT_TOO_MANY_PIXELS
    except Unreadable:
        return EXIT_UNREADABLE
    except Exception as error:  # any other failure means "no result"
        print(f"failed: {type(error).__name__}", file=sys.stderr)
        return EXIT_FAILED
    sys.stdout.buffer.write(data)
    return EXIT_OK
