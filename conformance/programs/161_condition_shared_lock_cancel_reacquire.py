# A Condition built on a Lock others use directly: a waiter cancelled while the lock is held
# elsewhere must re-acquire it before CancelledError propagates; notify_all then wakes the rest.
import asyncio

import vtloop as vt


async def waiter(name, cond):
    async with cond:
        try:
            await cond.wait()
            vt.say(name, "notified")
        except asyncio.CancelledError:
            vt.say(name, f"cancelled, holds lock={cond.locked()}")
            raise


async def holder(lock):
    async with lock:
        vt.say("holder", "holding the lock 1 s")
        await asyncio.sleep(1)
    vt.say("holder", "released")


async def main():
    lock = asyncio.Lock()
    cond = asyncio.Condition(lock)
    ws = [asyncio.create_task(waiter(f"w{i}", cond)) for i in range(3)]
    await asyncio.sleep(0)
    h = asyncio.create_task(holder(lock))
    await asyncio.sleep(0.5)
    ws[1].cancel()
    await asyncio.sleep(1)
    async with cond:
        cond.notify_all()
    res = await asyncio.gather(*ws, h, return_exceptions=True)
    vt.say("main", f"{[vt.err(r) if r else r for r in res]}")


asyncio.run(main(), loop_factory=vt.VirtualLoop)
