# Executor and blocking together: a job ends while the loop is blocked; its result handle is
# queued at that instant and runs after the block, before the late timer (the threadsafe handle
# is already in the ready queue when _run_once moves the due timers).
import asyncio

import vtloop as vt


async def waiter(loop, pool):
    value = await loop.run_in_executor(pool, vt.job(1, "espresso"))
    vt.say("waiter", f"got {value}")


async def sleeper():
    await asyncio.sleep(0.5)
    vt.say("sleeper", "woke")


async def main():
    loop = asyncio.get_running_loop()
    pool = vt.Executor(1)
    tasks = [asyncio.create_task(waiter(loop, pool)), asyncio.create_task(sleeper())]
    await asyncio.sleep(0.25)
    vt.say("main", "blocking for 2 s")
    vt.block(2)
    vt.say("main", "unblocked")
    await asyncio.gather(*tasks)


asyncio.run(main(), loop_factory=vt.VirtualLoop)
