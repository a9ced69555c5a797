# Semaphore(0) as a signal: releases before anyone waits bank permits; acquirers take them
# without yielding; then a release wakes the first waiter, and a newcomer cannot overtake it.
import asyncio

import vtloop as vt


async def taker(name, sem):
    await sem.acquire()
    vt.say(name, "acquired")


async def main():
    sem = asyncio.Semaphore(0)
    sem.release()
    sem.release()
    vt.say("main", f"locked={sem.locked()}")
    await taker("a", sem)
    await taker("b", sem)
    vt.say("main", f"locked={sem.locked()}")
    ts = [asyncio.create_task(taker(f"w{i}", sem)) for i in range(2)]
    await asyncio.sleep(1)
    sem.release()
    newcomer = asyncio.create_task(taker("newcomer", sem))
    vt.say("main", f"released once, locked={sem.locked()}")
    await asyncio.sleep(1)
    sem.release()
    sem.release()
    await asyncio.gather(*ts, newcomer)
    vt.say("main", "done")


asyncio.run(main(), loop_factory=vt.VirtualLoop)
