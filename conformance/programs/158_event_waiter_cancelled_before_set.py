# Event: a waiter cancelled before set() is removed; one cancelled in the same step as set()
# (after it) still ends cancelled; wait_for(ev.wait(), 1) times out then a set at 2 s.
import asyncio

import vtloop as vt


async def waiter(name, ev):
    try:
        await ev.wait()
        vt.say(name, "woke")
    except asyncio.CancelledError:
        vt.say(name, "cancelled")


async def timed(ev):
    try:
        await asyncio.wait_for(ev.wait(), 1)
    except TimeoutError:
        vt.say("timed", "timed out")


async def main():
    ev = asyncio.Event()
    ws = [asyncio.create_task(waiter(f"w{i}", ev)) for i in range(3)]
    t = asyncio.create_task(timed(ev))
    await asyncio.sleep(0)
    ws[0].cancel()
    await asyncio.sleep(2)
    ev.set()
    ws[2].cancel()
    vt.say("main", "set, then cancelled w2")
    await asyncio.gather(*ws, t, return_exceptions=True)
    vt.say("main", f"states {[w.cancelled() for w in ws]}")


asyncio.run(main(), loop_factory=vt.VirtualLoop)
