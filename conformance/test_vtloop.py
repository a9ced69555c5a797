"""Tests of vtloop's own rules (the ones the Go engine mirrors), run by run.mjs and run_cpython.py
before any program: node conformance/run.mjs fails if one of them fails."""

import asyncio
import contextlib
import io
import unittest

import vtloop as vt


def run(coro, debug=None):
    # asyncio.Runner (3.11+) rather than asyncio.run, whose loop_factory is 3.12+.
    with asyncio.Runner(debug=debug, loop_factory=vt.VirtualLoop) as runner:
        return runner.run(coro)


class ClockTest(unittest.TestCase):
    def test_starts_at_zero_and_adds_floats(self):
        async def main():
            start = vt.now()
            for _ in range(3):
                await asyncio.sleep(0.1)
            return start, vt.now()

        self.assertEqual(run(main()), (0.0, 0.1 + 0.1 + 0.1))

    def test_clock_is_set_to_the_timer_when(self):
        async def main():
            loop = asyncio.get_running_loop()
            await asyncio.sleep(0.7)
            handle = loop.call_later(0.1, lambda: None)
            await asyncio.sleep(0.1)
            after_short = vt.now()
            long_timer = loop.call_later(3 * 86400 + 0.1, lambda: None)
            await asyncio.sleep(3 * 86400 + 0.1)
            return handle.when(), after_short, long_timer.when(), vt.now()

        when, after, long_when, end = run(main())
        self.assertEqual(after, when)
        self.assertEqual(after, 0.7999999999999999)
        self.assertEqual(end, long_when)

    def test_resolution_and_no_debug(self):
        async def main():
            loop = asyncio.get_running_loop()
            return loop._clock_resolution, loop.get_debug()

        self.assertEqual(run(main(), debug=True), (1e-9, False))

    def test_stamp_rounds_half_up_in_ms(self):
        self.assertEqual(vt._stamp(0.0), "00:00:00.000")
        self.assertEqual(vt._stamp(3723.0045), "01:02:03.005")
        self.assertEqual(vt._stamp(0.0004999), "00:00:00.000")
        self.assertEqual(vt._stamp(360000.0), "100:00:00.000")

    def test_say_prints_one_line(self):
        async def main():
            await asyncio.sleep(1.25)
            vt.say("ann", "hello: world")

        out = io.StringIO()
        with contextlib.redirect_stdout(out):
            run(main())
        self.assertEqual(out.getvalue(), "00:00:01.250 ann: hello: world\n")

    def test_err(self):
        self.assertEqual(vt.err(asyncio.CancelledError()), "CancelledError")
        self.assertEqual(vt.err(ValueError("no milk")), "ValueError: no milk")


class DeadlockTest(unittest.TestCase):
    def test_deadlock_names_pending_tasks(self):
        async def stuck():
            await asyncio.get_running_loop().create_future()

        async def main():
            await asyncio.create_task(stuck(), name="stuck-barista")

        with self.assertRaises(vt.Deadlock) as caught:
            run(main())
        self.assertIn("stuck-barista", str(caught.exception))
        self.assertIn("deadlock at 00:00:00.000", str(caught.exception))

    def test_running_job_is_not_a_deadlock(self):
        async def main():
            loop = asyncio.get_running_loop()
            return await loop.run_in_executor(None, vt.job(5, "late")), vt.now()

        self.assertEqual(run(main()), ("late", 5.0))


class RunawayTest(unittest.TestCase):
    def test_a_program_that_never_ends_is_stopped(self):
        class SmallLoop(vt.VirtualLoop):
            max_iterations = 50

        async def forever():
            while True:
                await asyncio.sleep(1)

        with self.assertRaises(vt.Runaway) as caught:
            with asyncio.Runner(loop_factory=SmallLoop) as runner:
                runner.run(forever())
        self.assertIn("50 loop iterations", str(caught.exception))


class BlockAndExecutorTest(unittest.TestCase):
    def test_block_moves_the_clock_and_finishes_jobs_on_the_way(self):
        async def main():
            loop = asyncio.get_running_loop()
            pool = vt.Executor(1)
            fut = loop.run_in_executor(pool, vt.job(1, "a"))
            second = loop.run_in_executor(pool, vt.job(0.5, "b"))
            vt.block(2)
            blocked_until = vt.now()
            return blocked_until, await fut, await second, vt.now()

        self.assertEqual(run(main()), (2.0, "a", "b", 2.0))

    def test_jobs_start_in_submission_order(self):
        async def main():
            loop = asyncio.get_running_loop()
            pool = vt.Executor(2)
            ends = {}

            async def one(name, seconds):
                await loop.run_in_executor(pool, vt.job(seconds, name))
                ends[name] = vt.now()

            await asyncio.gather(one("a", 3), one("b", 1), one("c", 1), one("d", 1))
            return ends

        self.assertEqual(run(main()), {"a": 3.0, "b": 1.0, "c": 2.0, "d": 3.0})

    def test_bad_work_and_bad_durations(self):
        async def main():
            loop = asyncio.get_running_loop()
            with self.assertRaises(TypeError):
                loop.run_in_executor(None, print)
            with self.assertRaises(ValueError):
                vt.block(-1)
            with self.assertRaises(ValueError):
                vt.job(-1)
            with self.assertRaises(TypeError):
                loop.set_default_executor(object())

        run(main())


def selftest():
    """Run these tests; return (ok, report)."""
    out = io.StringIO()
    suite = unittest.defaultTestLoader.loadTestsFromName(__name__)
    result = unittest.TextTestRunner(stream=out, verbosity=1).run(suite)
    return result.wasSuccessful(), out.getvalue()


if __name__ == "__main__":
    unittest.main()
