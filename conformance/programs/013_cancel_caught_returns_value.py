# Class 3: a task that catches its cancellation and returns a value finishes normally; its
# awaiters (await, gather, a done-callback) see the value, not a cancellation.
import asyncio

import vtloop as vt


async def brew():
    try:
        await asyncio.sleep(5)
        return "latte"
    except asyncio.CancelledError:
        vt.say("brew", "cancelled, serving what is ready")
        return "half a latte"


async def waiter(t):
    value = await t
    vt.say("waiter", f"got {value}")
    return "tip"


async def main():
    t = asyncio.create_task(brew())
    t.add_done_callback(lambda f: vt.say("callback", f"result {f.result()}"))
    w = asyncio.create_task(waiter(t))
    await asyncio.sleep(1)
    t.cancel()
    values = await asyncio.gather(t, w)
    vt.say("main", f"gather -> {values[0]} and {values[1]}, cancelled()={t.cancelled()}")


asyncio.run(main(), loop_factory=vt.VirtualLoop)
