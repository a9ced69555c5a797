# Class 9 (3.13+): a waiter is notified and cancelled in the same step. It does not consume the
# notification: asyncio passes it on to the next waiter, so exactly one waiter proceeds.
import asyncio

import vtloop as vt


async def waiter(name, cond):
    try:
        async with cond:
            await cond.wait()
            vt.say(name, "notified")
    except asyncio.CancelledError:
        vt.say(name, f"cancelled, lock held={cond.locked()}")


async def main():
    cond = asyncio.Condition()
    tasks = [asyncio.create_task(waiter(n, cond)) for n in ("a", "b", "c")]
    await asyncio.sleep(1)
    async with cond:
        cond.notify(1)
        tasks[0].cancel()
        vt.say("main", "notify(1) and cancel a")
    await asyncio.sleep(1)
    vt.say("main", f"b done={tasks[1].done()} c done={tasks[2].done()}")
    async with cond:
        cond.notify()
    await asyncio.gather(*tasks)
    vt.say("main", "done")


asyncio.run(main(), loop_factory=vt.VirtualLoop)
