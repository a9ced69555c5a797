# wait_for(run_in_executor(...), 1) on a one-worker pool: TimeoutError at 1 s, but the thread
# cannot be interrupted, so the next job waits for the worker until 2 s.
import asyncio

import vtloop as vt


async def main():
    loop = asyncio.get_running_loop()
    pool = vt.Executor(1)
    slow = loop.run_in_executor(pool, vt.job(2, "slow"))
    try:
        await asyncio.wait_for(slow, 1)
    except TimeoutError:
        vt.say("main", f"timed out, slow cancelled={slow.cancelled()}")
    value = await loop.run_in_executor(pool, vt.job(0.5, "next"))
    vt.say("main", f"got {value}")
    shielded = loop.run_in_executor(pool, vt.job(1, "kept"))
    try:
        await asyncio.wait_for(asyncio.shield(shielded), 0.5)
    except TimeoutError:
        vt.say("main", "shielded wait timed out")
    vt.say("main", f"then got {await shielded}")


asyncio.run(main(), loop_factory=vt.VirtualLoop)
