# Condition with a timeout around wait(): the timed-out waiter re-acquires the lock before the
# TimeoutError leaves the async with, and a notify with nobody waiting is lost.
import asyncio

import vtloop as vt


async def impatient(cond):
    async with cond:
        try:
            async with asyncio.timeout(1):
                await cond.wait()
        except TimeoutError:
            vt.say("impatient", f"timed out, holds lock={cond.locked()}")


async def main():
    cond = asyncio.Condition()
    async with cond:
        cond.notify()
        vt.say("main", "notify with no waiter")
    await impatient(cond)
    t = asyncio.create_task(impatient(cond))
    await asyncio.sleep(0.5)
    async with cond:
        vt.say("main", "holding the lock past the deadline")
        await asyncio.sleep(1)
    await t
    vt.say("main", f"locked={cond.locked()}")


asyncio.run(main(), loop_factory=vt.VirtualLoop)
