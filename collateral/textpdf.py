"""A PDF whose pages show pictures and carry the same words as an invisible text layer, the way
a scanner's OCR writes them: what the page shows is what the drift check (and copy-paste)
reads. Used by the demo files and by tests; the standard Helvetica font needs no embedding.
"""

import io

from PIL import Image


def _pdf_string(text: str) -> bytes:
    data = text.encode("cp1252", "replace")
    return b"(" + data.replace(b"\\", b"\\\\").replace(b"(", b"\\(").replace(b")", b"\\)") + b")"


def with_text_layer(images: list[Image.Image], texts: list[list[str]]) -> bytes:
    """Pages showing `images` (JPEG, 96 dpi) with `texts` (lines per page) laid over them in
    render mode 3 (invisible)."""
    objects = [
        b"",
        b"",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>",
    ]
    kids = []
    for image, lines in zip(images, texts, strict=True):
        jpeg = io.BytesIO()
        image.convert("RGB").save(jpeg, "JPEG", quality=80)
        objects.append(
            b"<< /Type /XObject /Subtype /Image /Width %d /Height %d /ColorSpace /DeviceRGB "
            b"/BitsPerComponent 8 /Filter /DCTDecode /Length %d >>\nstream\n"
            % (*image.size, len(jpeg.getvalue()))
            + jpeg.getvalue()
            + b"\nendstream"
        )
        picture = len(objects)
        width, height = image.size[0] * 0.75, image.size[1] * 0.75
        words = b" T* ".join(_pdf_string(line) + b" Tj" for line in lines)
        stream = b"q %.2f 0 0 %.2f 0 0 cm /Im0 Do Q BT 3 Tr /F1 12 Tf 16 TL 36 %.2f Td %s ET" % (
            width,
            height,
            height - 48,
            words,
        )
        objects.append(b"<< /Length %d >>\nstream\n%s\nendstream" % (len(stream), stream))
        objects.append(
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 %.2f %.2f] /Contents %d 0 R "
            b"/Resources << /XObject << /Im0 %d 0 R >> /Font << /F1 3 0 R >> >> >>"
            % (width, height, len(objects), picture)
        )
        kids.append(b"%d 0 R" % len(objects))
    objects[0] = b"<< /Type /Catalog /Pages 2 0 R >>"
    objects[1] = b"<< /Type /Pages /Kids [%s] /Count %d >>" % (b" ".join(kids), len(kids))
    out = io.BytesIO()
    out.write(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(out.tell())
        out.write(b"%d 0 obj\n%s\nendobj\n" % (number, body))
    xref = out.tell()
    out.write(b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1))
    for offset in offsets:
        out.write(b"%010d 00000 n \n" % offset)
    out.write(
        b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    )
    return out.getvalue()
