"""Runs the conformance programs on the local CPython (python3) and compares with the goldens.

    python3 conformance/run_cpython.py [PROGRAM...]

The goldens come from CPython 3.14 (run.mjs); this is a sanity check of vtloop on another
version. It prints one line per program whose transcript differs and exits 0 (differences are
expected on older versions; README.md lists them for 3.11).
"""

import os
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)

import harness  # noqa: E402


def main(argv):
    ok, report = harness.selftest()
    if not ok:
        print("vtloop self-test failed:\n" + report)
        sys.exit(1)
    names = sorted(f for f in os.listdir(os.path.join(HERE, "programs")) if f.endswith(".py"))
    if argv:
        names = [n for n in names if any(n.startswith(a.rsplit("/", 1)[-1].removesuffix(".py")) for a in argv)]
    same = 0
    for name in names:
        with open(os.path.join(HERE, "programs", name), encoding="utf-8") as f:
            source = f.read()
        got, _, _ = harness.run_program(name, source)
        golden = os.path.join(HERE, "golden", name[:-3] + ".txt")
        want = open(golden, encoding="utf-8").read() if os.path.exists(golden) else None
        if got == want:
            same += 1
            continue
        a, b = (want or "").splitlines(), got.splitlines()
        i = 0
        while i < len(a) and i < len(b) and a[i] == b[i]:
            i += 1
        print(f"{name}: differs at line {i + 1}")
        print(f"    3.14: {a[i] if i < len(a) else '(end)'}")
        print(f"    {sys.version_info[0]}.{sys.version_info[1]}: {b[i] if i < len(b) else '(end)'}")
    print(f"{same} of {len(names)} programs give the 3.14 transcript on Python {sys.version.split()[0]}")


if __name__ == "__main__":
    main(sys.argv[1:])
