"""vtloop: a virtual-time asyncio event loop for CPython 3.14 (brewloop's conformance reference).

Programs run with ``asyncio.run(main(), loop_factory=vt.VirtualLoop)``. Everything above the
selector is CPython's own ``asyncio.BaseEventLoop`` (the ready deque, the timer heap, ``_run_once``,
futures, tasks, the primitives, ``asyncio.run``'s ending); only the clock, the selector and the
executor are virtual. The Go engine (``sim/``) mirrors the rules below exactly.

The rules
---------
(a) Clock. ``loop.time()`` returns the float ``self._vtime``, which starts at 0.0. Nothing else
    reads a clock. ``call_later(d)`` is due at ``loop.time() + d`` computed in float64 by asyncio
    itself, so three ``sleep(0.1)`` in a row end at 0.30000000000000004.

(b) The selector never waits. When ``_run_once`` asks it to select with a timeout:
    - running executor jobs whose end time is <= the clock finish first (see (f));
    - timeout 0 (something is ready, or the loop is stopping): the clock does not move;
    - otherwise, if a job finished in the step above, return at once (its thread woke the loop);
    - otherwise let T be the ``_when`` of the earliest timer, ``self._scheduled[0]._when`` (never
      ``time + timeout``, which can differ in the last bit and which asyncio caps at one day), and
      J the earliest end among running executor jobs. The clock is SET to min(T, J); if J <= T the
      jobs ending at or before the new clock finish now, in order (end, start order).
    - timeout None with no running job (nothing ready, no timer): the program is deadlocked and
      the loop raises ``vtloop.Deadlock`` naming the pending tasks.
    Then asyncio moves every timer with ``_when < time() + _clock_resolution`` to the ready deque
    in heapq pop order.

(c) Clock resolution. Pyodide 314.0.7 reports ``time.get_clock_info('monotonic').resolution ==
    1e-09`` (so does CPython on Linux). The loop pins ``_clock_resolution = 1e-9`` explicitly, so a
    timer due less than 1e-9 s after the clock is moved to ready in the same iteration (0.3 and
    0.30000000000000004 both fire in the iteration the clock reaches 0.3, heap order between them).
    The Go side must use 1e-9 as well.

(d) No debug mode: ``set_debug`` always leaves debug off, whatever ``asyncio.run(debug=...)`` or
    PYTHONASYNCIODEBUG says (debug mode changes nothing in the order, but logs wall-clock times).

(e) Output. ``say(who, text)`` prints ``HH:MM:SS.mmm who: text`` with
    ``ms = int(loop.time() * 1000 + 0.5)``, HH = ms // 3600000 (two digits or more),
    MM = ms // 60000 % 60, SS = ms // 1000 % 60, mmm = ms % 1000. ``err(e)`` shows an exception
    as its type name, followed by ": " and ``str(e)`` when that is not empty (never a repr).

(f) Blocking and the executor (pyodide has no threads; these model them).
    ``block(s)`` is ``time.sleep(s)`` inside a coroutine: the clock becomes ``start + s`` (float64)
    while no callback runs; executor jobs ending within the block finish at their end instants
    during it (their result handles queue up behind whatever was already ready). Timers that fell
    due fire late, in the next iteration.
    ``loop.run_in_executor(None, job(s, result))`` and ``asyncio.to_thread(job(s, result))`` run on a
    virtual executor with N workers (``DEFAULT_WORKERS`` = 4 for the default one;
    ``Executor(n)`` for another, usable with ``run_in_executor`` and ``loop.set_default_executor``).
    Jobs start in submission order as workers free up; a started job holds its worker until
    ``start + s`` (float64) while the loop goes on. ``run_in_executor`` is asyncio's own: the
    executor returns a ``concurrent.futures.Future`` and asyncio's ``wrap_future`` chains it to an
    asyncio future. When a job ends, its concurrent future is completed, whose callback calls
    ``call_soon_threadsafe`` (one handle, run at that instant) which sets the asyncio future, whose
    callback wakes the awaiting task one iteration later. If the asyncio future is cancelled, its
    done-callback (one hop later) cancels the concurrent future: a job still queued then never
    runs; a running one finishes and its result is dropped (by one more handle). At the end
    instant a job finishes (result handle queued) before its worker takes the next queued job.

(g) A safety stop, not part of the model: a program still running after ``max_iterations``
    (5,000,000) loop iterations raises ``vtloop.Runaway``, so a program that never ends cannot hang
    the runner. No conformance program comes near it.

Not modelled: sockets, subprocesses, signals, real threads. Anything that depends on object
identity (iteration order of ``asyncio.all_tasks()``, a set, ``id()``/``hash()``) is outside the
conformance suite; so is the order in which ``asyncio.run`` cancels two or more tasks still pending
when main returns (it iterates a set).
"""

import asyncio
import concurrent.futures
import functools
from asyncio import events, futures

__all__ = ["VirtualLoop", "Executor", "Deadlock", "Runaway", "say", "err", "block", "job", "now",
           "CLOCK_RESOLUTION", "DEFAULT_WORKERS"]

CLOCK_RESOLUTION = 1e-9
DEFAULT_WORKERS = 4

_last_loop = None  # the most recent VirtualLoop, for say() outside a running loop


class Deadlock(RuntimeError):
    """Nothing is ready, no timer is pending and no executor job is running."""


class Runaway(RuntimeError):
    """The program ran more loop iterations than VirtualLoop.max_iterations."""


class _Selector:
    """The selector _run_once calls: it moves the virtual clock instead of waiting."""

    def __init__(self, loop):
        self._loop = loop

    def select(self, timeout=None):
        return self._loop._vt_select(timeout)

    def close(self):
        pass


class Job:
    """Blocking work for the virtual executor: it takes `seconds` and returns `result`."""

    def __init__(self, seconds, result=None, error=None):
        if seconds < 0:
            raise ValueError("vtloop: a job cannot take negative time")
        self.seconds = seconds
        self.result = result
        self.error = error

    def __call__(self):
        if self.error is not None:
            raise self.error
        return self.result


def job(seconds, result=None, *, error=None):
    """Work that holds an executor worker for `seconds`, then returns `result` or raises `error`."""
    return Job(seconds, result, error)


def _job_seconds(fn):
    if isinstance(fn, Job):
        return fn.seconds
    # asyncio.to_thread submits functools.partial(context.run, func, *args).
    if isinstance(fn, functools.partial) and fn.args and isinstance(fn.args[0], Job):
        return fn.args[0].seconds
    raise TypeError("vtloop: executor work must be vtloop.job(seconds, result)")


class _Work:
    __slots__ = ("future", "fn", "args", "kwargs", "seconds", "end", "seq", "executor")

    def __init__(self, future, fn, args, kwargs, seconds, executor):
        self.future = future
        self.fn = fn
        self.args = args
        self.kwargs = kwargs
        self.seconds = seconds
        self.executor = executor
        self.end = None
        self.seq = None


class Executor(concurrent.futures.Executor):
    """A pool of `workers` virtual threads (see rule (f))."""

    def __init__(self, workers=DEFAULT_WORKERS):
        if workers < 1:
            raise ValueError("vtloop: an executor needs at least one worker")
        self._workers = workers
        self._busy = 0
        self._queue = []
        self._shutdown = False

    def submit(self, fn, /, *args, **kwargs):
        if self._shutdown:
            raise RuntimeError("cannot schedule new futures after shutdown")
        loop = events._get_running_loop()
        if not isinstance(loop, VirtualLoop):
            raise RuntimeError("vtloop: the virtual executor runs only inside a VirtualLoop")
        seconds = _job_seconds(fn)
        fut = concurrent.futures.Future()
        self._queue.append(_Work(fut, fn, args, kwargs, seconds, self))
        self._start_queued(loop)
        return fut

    def _start_queued(self, loop):
        while self._busy < self._workers and self._queue:
            work = self._queue.pop(0)
            if not work.future.set_running_or_notify_cancel():
                continue  # cancelled while queued: never runs
            self._busy += 1
            loop._vt_start(work)

    def _finish(self, loop, work):
        self._busy -= 1
        try:
            result = work.fn(*work.args, **work.kwargs)
        except BaseException as exc:
            work.future.set_exception(exc)
        else:
            work.future.set_result(result)
        self._start_queued(loop)

    def shutdown(self, wait=True, *, cancel_futures=False):
        self._shutdown = True
        if cancel_futures:
            for work in self._queue:
                work.future.cancel()
            self._queue = []


class VirtualLoop(asyncio.BaseEventLoop):
    """asyncio's BaseEventLoop on a virtual clock (rules (a)-(g) in the module docstring)."""

    max_iterations = 5_000_000

    def __init__(self):
        global _last_loop
        super().__init__()
        self._vtime = 0.0
        self._clock_resolution = CLOCK_RESOLUTION
        self._debug = False
        self._selector = _Selector(self)
        self._vt_jobs = []  # running executor work
        self._vt_seq = 0
        self._vt_executor = Executor(DEFAULT_WORKERS)
        self._vt_iteration = 0
        _last_loop = self

    def time(self):
        return self._vtime

    def _run_once(self):
        # Counted for the safety stop (g) and run.mjs --trace; asyncio's iteration is unchanged.
        self._vt_iteration += 1
        if self._vt_iteration > self.max_iterations:
            limit = self.max_iterations
            self.max_iterations += 10_000  # room for asyncio.run to cancel the tasks afterwards
            raise Runaway("vtloop: still running after %d loop iterations (at %s); does the program end?"
                          % (limit, _stamp(self._vtime)))
        super()._run_once()

    def set_debug(self, enabled):
        self._debug = False

    def _process_events(self, event_list):
        pass

    def _write_to_self(self):
        pass

    def run_in_executor(self, executor, func, *args):
        self._check_closed()
        if executor is None:
            executor = self._vt_executor
        return futures.wrap_future(executor.submit(func, *args), loop=self)

    def set_default_executor(self, executor):
        if not isinstance(executor, Executor):
            raise TypeError("vtloop: the default executor must be a vtloop.Executor")
        self._vt_executor = executor

    # The virtual threads.

    def _vt_start(self, work):
        work.end = self._vtime + work.seconds
        work.seq = self._vt_seq
        self._vt_seq += 1
        self._vt_jobs.append(work)

    def _vt_next_job(self):
        best = None
        for work in self._vt_jobs:
            if best is None or (work.end, work.seq) < (best.end, best.seq):
                best = work
        return best

    def _vt_finish_due(self):
        """Finish the running jobs whose end is at or before the clock; True if any did."""
        finished = False
        while True:
            work = self._vt_next_job()
            if work is None or work.end > self._vtime:
                return finished
            self._vt_jobs.remove(work)
            work.executor._finish(self, work)
            finished = True

    def _vt_select(self, timeout):
        if self._vt_finish_due() or timeout == 0:
            return []
        work = self._vt_next_job()
        if timeout is None and work is None:
            pending = sorted(t.get_name() for t in asyncio.all_tasks(self))
            raise Deadlock(
                "vtloop: deadlock at %s: nothing ready, no timer, no executor job; pending: %s"
                % (_stamp(self._vtime), ", ".join(pending) or "none"))
        target = None
        if self._scheduled:
            target = self._scheduled[0]._when
        if work is not None and (target is None or work.end <= target):
            target = work.end
        self._vtime = float(target)  # a call_at(2) deadline is an int; loop.time() stays a float
        self._vt_finish_due()
        return []

    def _vt_block(self, seconds):
        if seconds < 0:
            raise ValueError("vtloop: cannot block for negative time")
        end = self._vtime + seconds
        while True:
            work = self._vt_next_job()
            if work is None or work.end > end:
                break
            self._vtime = work.end
            self._vt_jobs.remove(work)
            work.executor._finish(self, work)
        self._vtime = end


def describe_handle(handle):
    """A short label for a ready handle about to run, for tracing (run.mjs --trace)."""
    cb, args = handle._callback, handle._args
    owner = getattr(cb, "__self__", None)
    kind = "timer" if isinstance(handle, asyncio.TimerHandle) else "handle"
    if isinstance(owner, asyncio.Task) and type(cb).__name__ == "TaskStepMethWrapper":
        return "%s: step %s" % (kind, owner.get_name())
    name = getattr(cb, "__qualname__", None) or type(cb).__name__
    if isinstance(owner, asyncio.Task):
        name = "%s %s" % (name.rsplit(".", 1)[-1], owner.get_name())
    if args and isinstance(args[0], asyncio.Task):
        name += " <- task %s" % args[0].get_name()
    elif args and isinstance(args[0], asyncio.Future):
        name += " <- future"
    elif args and isinstance(args[0], concurrent.futures.Future):
        name += " <- executor job"
    return "%s: %s" % (kind, name)


def _stamp(t):
    ms = int(t * 1000 + 0.5)
    return "%02d:%02d:%02d.%03d" % (ms // 3600000, ms // 60000 % 60, ms // 1000 % 60, ms % 1000)


def _loop():
    loop = events._get_running_loop()
    if loop is None:
        loop = _last_loop
    if not isinstance(loop, VirtualLoop):
        raise RuntimeError("vtloop: no VirtualLoop (run with loop_factory=vtloop.VirtualLoop)")
    return loop


def now():
    """The virtual clock in seconds (loop.time())."""
    return _loop().time()


def say(who, text):
    """Print one transcript line: HH:MM:SS.mmm who: text (rule (e))."""
    print("%s %s: %s" % (_stamp(_loop().time()), who, text))


def err(exc):
    """An exception as a transcript shows it: its type name, then ": " and str(exc) if not empty."""
    text = str(exc)
    return type(exc).__name__ + (": " + text if text else "")


def block(seconds):
    """What time.sleep(seconds) does inside a coroutine: the whole loop stops for that long."""
    _loop()._vt_block(seconds)
