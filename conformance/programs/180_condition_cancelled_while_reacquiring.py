# Class 9: a waiter notified, then cancelled while it waits to re-acquire the lock, keeps trying,
# gets the lock, raises CancelledError and passes a notification on (a spurious wake-up).
import asyncio

import vtloop as vt


async def waiter(name, cond):
    async with cond:
        try:
            await cond.wait()
            vt.say(name, "notified")
        except asyncio.CancelledError:
            vt.say(name, f"cancelled, holds the lock={cond.locked()}")


async def main():
    cond = asyncio.Condition()
    ws = [asyncio.create_task(waiter(f"w{i}", cond)) for i in range(3)]
    await asyncio.sleep(1)
    async with cond:
        cond.notify(1)
        await asyncio.sleep(0)
        ws[0].cancel()
        vt.say("main", "notified w0, cancelled it while main holds the lock")
        await asyncio.sleep(1)
    await asyncio.sleep(1)
    vt.say("main", f"w1 done={ws[1].done()}, w2 done={ws[2].done()}")
    async with cond:
        cond.notify_all()
    await asyncio.gather(*ws)


asyncio.run(main(), loop_factory=vt.VirtualLoop)
