# Executor jobs ending at the same instant as a deadline: wait_for(run_in_executor(job 1 s), 1)
# loses the result (the job's handle sets the future, then the deadline cancels the task), so does
# to_thread in timeout(1); a job ending 1e-10 s later and one at 0.5 s in a chain. Classes 6, API.
import asyncio

import vtloop as vt


async def main():
    loop = asyncio.get_running_loop()
    pool = vt.Executor(1)
    try:
        r = await asyncio.wait_for(loop.run_in_executor(pool, vt.job(1, "espresso")), 1)
        vt.say("main", f"wait_for got {r}")
    except TimeoutError:
        vt.say("main", "wait_for TimeoutError")
    try:
        async with asyncio.timeout(1):
            r = await asyncio.to_thread(vt.job(1, "latte"))
            vt.say("main", f"timeout got {r}")
    except TimeoutError:
        vt.say("main", "timeout TimeoutError")
    try:
        async with asyncio.timeout(1 + 1e-10):
            r = await loop.run_in_executor(pool, vt.job(1, "mocha"))
            vt.say("main", f"later deadline got {r}")
    except TimeoutError:
        vt.say("main", "later deadline TimeoutError")
    first = loop.run_in_executor(pool, vt.job(0.5, "a"))
    second = loop.run_in_executor(pool, vt.job(0.5, "b"))
    loop.call_later(1, lambda: vt.say("timer", f"second done={second.done()}"))
    try:
        r = await asyncio.wait_for(asyncio.gather(first, second), 1)
        vt.say("main", f"chain got {r}")
    except TimeoutError:
        vt.say("main", f"chain TimeoutError, first={first.result()} second cancelled={second.cancelled()}")


asyncio.run(main(), loop_factory=vt.VirtualLoop)
