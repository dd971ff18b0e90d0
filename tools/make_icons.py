#!/usr/bin/env python3
"""Draw the extension's toolbar icons (a white up-right arrow on Greenhouse
green) as PNGs at every size the manifest lists. Run once; the PNGs are
committed. Standard library only.

Usage: make_icons.py OUT_DIR
"""
import struct
import sys
import zlib

GREEN = (36, 167, 107)
WHITE = (255, 255, 255)


def pixel(x: float, y: float) -> tuple:
    """Colour of the unit-square point (x, y), 0..1, with alpha."""
    # Rounded square background.
    r = 0.18
    cx = min(max(x, r), 1 - r)
    cy = min(max(y, r), 1 - r)
    if (x - cx) ** 2 + (y - cy) ** 2 > r * r:
        return (0, 0, 0, 0)
    # Arrow: a diagonal shaft from lower left to upper right plus a head.
    u, v = x - 0.5, 0.5 - y  # v grows upwards
    along = (u + v) / 2 ** 0.5
    across = (u - v) / 2 ** 0.5
    shaft = abs(across) < 0.07 and -0.28 < along < 0.2
    head = along >= 0.05 and along < 0.3 and abs(across) < (0.3 - along) * 0.9
    return (*WHITE, 255) if shaft or head else (*GREEN, 255)


def png(size: int) -> bytes:
    """Encode the icon at `size`×`size` pixels, 4× supersampled."""
    rows = []
    for j in range(size):
        row = bytearray([0])
        for i in range(size):
            acc = [0, 0, 0, 0]
            for sj in range(4):
                for si in range(4):
                    p = pixel((i + (si + 0.5) / 4) / size, (j + (sj + 0.5) / 4) / size)
                    for k in range(4):
                        acc[k] += p[k]
            row += bytes(round(a / 16) for a in acc)
        rows.append(bytes(row))
    raw = zlib.compress(b"".join(rows), 9)

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    header = struct.pack(">IIBBBBB", size, size, 8, 6, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", raw) + chunk(b"IEND", b"")


def main() -> None:
    out = sys.argv[1] if len(sys.argv) > 1 else "extension/icons"
    for size in (16, 32, 48, 128):
        with open(f"{out}/icon-{size}.png", "wb") as f:
            f.write(png(size))


if __name__ == "__main__":
    main()
