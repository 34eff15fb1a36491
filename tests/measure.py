"""Measuring this test process's memory: how far its peak resident set rises in a block; and
large images that are cheap to build.

Linux only: writing 5 to /proc/self/clear_refs resets the kernel's high-water mark (VmHWM) to
the current resident set, so VmHWM read afterwards is the peak reached inside the block, even
when the memory was freed again before the block ended.
"""

import contextlib
import gc
import zlib
from collections.abc import Iterator
from pathlib import Path

import pytest

MB = 1024 * 1024
STATUS = Path("/proc/self/status")
CLEAR_REFS = Path("/proc/self/clear_refs")


def _status_bytes(field: str) -> int:
    for line in STATUS.read_text().splitlines():
        if line.startswith(f"{field}:"):
            return int(line.split()[1]) * 1024
    raise LookupError(field)


@contextlib.contextmanager
def peak_memory_growth() -> Iterator[dict[str, int]]:
    """Yields a dict whose "growth" (bytes) is set when the block ends."""
    if not CLEAR_REFS.exists():
        pytest.skip("measuring peak memory needs Linux's /proc/self/clear_refs")
    gc.collect()
    CLEAR_REFS.write_text("5")
    start = _status_bytes("VmHWM")
    measured = {}
    yield measured
    measured["growth"] = _status_bytes("VmHWM") - start


def zero_png(width: int, height: int, rows_per_block: int = 60) -> bytes:
    """A valid RGB PNG of width × height black pixels, built without holding its pixels.

    The pixel rows compress to almost nothing (a 40-megapixel image is ~120 KB), and after a
    full flush zlib's output for an identical block repeats exactly, so one block is
    compressed and repeated: fast, and the test process never holds the decoded image.
    """
    assert height % rows_per_block == 0
    block = b"\x00" * ((width * 3 + 1) * rows_per_block)
    compressor = zlib.compressobj(9)
    first = compressor.compress(block) + compressor.flush(zlib.Z_FULL_FLUSH)
    repeat = compressor.compress(block) + compressor.flush(zlib.Z_FULL_FLUSH)
    blocks = height // rows_per_block
    checksum = 1
    for _ in range(blocks):
        checksum = zlib.adler32(block, checksum)
    # An empty final block (fixed Huffman), then the Adler-32 of all the raw rows.
    stream = first + repeat * (blocks - 1) + b"\x03\x00" + checksum.to_bytes(4, "big")

    def chunk(kind: bytes, data: bytes) -> bytes:
        body = kind + data
        return len(data).to_bytes(4, "big") + body + zlib.crc32(body).to_bytes(4, "big")

    header = width.to_bytes(4, "big") + height.to_bytes(4, "big") + bytes([8, 2, 0, 0, 0])
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", stream)
        + chunk(b"IEND", b"")
    )
