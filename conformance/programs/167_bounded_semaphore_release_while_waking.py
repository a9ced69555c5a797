# BoundedSemaphore(1): a release that wakes a waiter counts the permit as taken, so a second
# release in the same step is allowed (the waiter never gives it back); a third raises ValueError.
import asyncio

import vtloop as vt


async def waiter(sem):
    await sem.acquire()
    vt.say("waiter", f"acquired, locked={sem.locked()}")


async def main():
    sem = asyncio.BoundedSemaphore(1)
    await sem.acquire()
    w = asyncio.create_task(waiter(sem))
    await asyncio.sleep(1)
    sem.release()
    sem.release()
    vt.say("main", f"released twice, locked={sem.locked()}")
    try:
        sem.release()
    except ValueError as e:
        vt.say("main", vt.err(e))
    await w
    async with sem:
        vt.say("main", f"acquired without waiting, locked={sem.locked()}")
    try:
        sem.release()
    except ValueError as e:
        vt.say("main", vt.err(e))


asyncio.run(main(), loop_factory=vt.VirtualLoop)
