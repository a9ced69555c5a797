# Class 11: put() wakes the first getter; if that getter is cancelled in the same step, it passes
# the wake-up on to the next getter, which gets the item.
import asyncio

import vtloop as vt


async def getter(name, q):
    try:
        vt.say(name, f"got {await q.get()}")
    except asyncio.CancelledError:
        vt.say(name, f"cancelled, qsize={q.qsize()}")


async def main():
    q = asyncio.Queue()
    gs = [asyncio.create_task(getter(f"g{i}", q)) for i in range(3)]
    await asyncio.sleep(1)
    q.put_nowait("muffin")
    gs[0].cancel()
    vt.say("main", "put muffin, cancelled g0")
    await asyncio.sleep(0)
    await asyncio.sleep(0)
    q.put_nowait("scone")
    await asyncio.gather(*gs)
    vt.say("main", f"qsize={q.qsize()}")


asyncio.run(main(), loop_factory=vt.VirtualLoop)
