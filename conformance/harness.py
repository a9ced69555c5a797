"""Runs one conformance program and returns its transcript (used by run.mjs and run_cpython.py).

Each program runs in a fresh namespace with a freshly imported vtloop and no running loop; its
stdout is the transcript. A program that raises gets the exception's last traceback line appended
as `!! ExcType: message`. What it writes to stderr (asyncio's logger) is returned separately.
"""

import asyncio
import contextlib
import gc
import io
import sys
import traceback


def _run_311(main, *, debug=None, loop_factory=None):
    # CPython 3.11's asyncio.run has no loop_factory; asyncio.Runner has it.
    with asyncio.Runner(debug=debug, loop_factory=loop_factory) as runner:
        return runner.run(main)


def _traced_run(run):
    def traced(handle):
        loop = handle._loop
        if hasattr(loop, "_vt_iteration"):
            import vtloop

            print("    # iteration %d t=%r %s" % (loop._vt_iteration, loop.time(),
                                                 vtloop.describe_handle(handle)))
        return run(handle)
    return traced


def run_program(name, source, perturb=0, trace=False):
    """Return (transcript, failed, stderr) for the program `name` with text `source`.

    With trace, every handle the loop runs is reported in the transcript as an indented
    "# iteration N t=T label" line just before it runs (for reading, never for goldens).

    perturb > 0 keeps that many small objects of assorted sizes alive while the program runs, so
    its objects get other addresses: a transcript that changes then depends on object identity
    (the iteration order of a set of tasks, say), which the conformance suite must not.
    """
    ballast = [bytes(k % 480) for k in range(perturb)]
    asyncio.events._set_running_loop(None)
    sys.modules.pop("vtloop", None)
    out, err = io.StringIO(), io.StringIO()
    failed = False
    saved_run = asyncio.run
    saved_handle_run = asyncio.events.Handle._run
    if trace:
        asyncio.events.Handle._run = _traced_run(saved_handle_run)
    if sys.version_info < (3, 12):
        asyncio.run = _run_311
    namespace = {"__name__": "__main__", "__file__": name}
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        try:
            exec(compile(source, name, "exec"), namespace)
        except BaseException as exc:  # noqa: BLE001 - every failure goes to the transcript
            failed = True
            print("!! " + traceback.format_exception_only(exc)[-1].strip())
        finally:
            asyncio.run = saved_run
            asyncio.events.Handle._run = saved_handle_run
            asyncio.events._set_running_loop(None)
            namespace.clear()
            del ballast[:]
            gc.collect()
    return out.getvalue(), failed, err.getvalue()


def selftest():
    """Run test_vtloop (vtloop's own rules); return (ok, report)."""
    import test_vtloop

    with contextlib.redirect_stdout(io.StringIO()), contextlib.redirect_stderr(io.StringIO()):
        ok, report = test_vtloop.selftest()
    asyncio.events._set_running_loop(None)
    return ok, report
