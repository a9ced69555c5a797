# Class 9: a waiter cancelled inside cond.wait() must re-acquire the lock before the
# CancelledError leaves wait(); while main holds the lock it cannot, so it reports only after
# main releases it.
import asyncio

import vtloop as vt


async def waiter(cond):
    async with cond:
        try:
            await cond.wait()
        except asyncio.CancelledError:
            vt.say("waiter", f"cancelled, holds the lock again: {cond.locked()}")
            raise


async def main():
    cond = asyncio.Condition()
    t = asyncio.create_task(waiter(cond))
    await asyncio.sleep(1)
    async with cond:
        t.cancel()
        vt.say("main", "cancelled the waiter while holding the lock")
        await asyncio.sleep(2)
        vt.say("main", "releasing")
    await asyncio.gather(t, return_exceptions=True)
    vt.say("main", f"waiter cancelled={t.cancelled()} locked={cond.locked()}")


asyncio.run(main(), loop_factory=vt.VirtualLoop)
