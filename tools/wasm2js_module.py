#!/usr/bin/env python3
"""Turn wasm2js output into a module that instantiates on demand.

wasm2js emits an ES module that imports the wasm-bindgen glue and
instantiates itself at load time. The content script needs the opposite: a
module it can `import()` and call with the glue's import object, exactly as
`WebAssembly.instantiate` would be called. So drop the `import` of the glue
and the self-instantiation, and export `instantiate(imports)` instead.

Usage: wasm2js_module.py INPUT.mjs OUTPUT.js
"""
import re
import sys


# wasm2js grows memory by copying into a new ArrayBuffer and leaves the old one
# intact. Real WebAssembly detaches the old buffer, and wasm-bindgen's glue
# relies on that: it refreshes its cached views when their byteLength is 0.
# With a live stale buffer, a string passed in after a grow is written to the
# old memory and Rust reads zeros (seen as an `abort` trap). So move the bytes
# with ArrayBuffer.prototype.transfer, which detaches the old buffer.
GROW_COPY = """   var newBuffer = new ArrayBuffer(newPages << 16);
   var newHEAP8 = new Int8Array(newBuffer);
   newHEAP8.set(HEAP8);
"""
GROW_TRANSFER = """   var newBuffer = buffer.transfer(newPages << 16);
"""


def convert(source: str) -> str:
    """Return `source` with the import and the self-instantiation replaced, and memory growth
    detaching the old buffer."""
    if source.count(GROW_COPY) != 1:
        raise SystemExit("unexpected wasm2js memory growth: did binaryen's format change?")
    source = source.replace(GROW_COPY, GROW_TRANSFER)
    source, n_imports = re.subn(r"^import \* as \S+ from '[^']+';\n", "", source, flags=re.M)
    start = source.find("\nvar retasmFunc = asmFunc(")
    if n_imports != 1 or start < 0:
        raise SystemExit("unexpected wasm2js output: did binaryen's format change?")
    return (
        source[:start]
        + "\n/** Instantiate the module with wasm-bindgen's import object. */\n"
        + "export function instantiate(imports) {\n  return asmFunc(imports);\n}\n"
    )


def main() -> None:
    if len(sys.argv) != 3:
        raise SystemExit(__doc__)
    with open(sys.argv[1], encoding="utf-8") as f:
        out = convert(f.read())
    with open(sys.argv[2], "w", encoding="utf-8") as f:
        f.write(out)


if __name__ == "__main__":
    main()
