# Class 1: the heap is rebuilt when over half of more than 100 timers are cancelled, and the
# cancelled handles of sleeps (tasks cancelled while sleeping) and of timeouts that exited early
# count too; the twelve sleepers due at one instant then wake in the rebuilt heap's order.
import asyncio

import vtloop as vt


async def sleeper(name, d):
    try:
        await asyncio.sleep(d)
        vt.say(name, "woke")
    except asyncio.CancelledError:
        pass


async def timed(ev):
    async with asyncio.timeout(5):
        await ev.wait()


async def main():
    ev = asyncio.Event()
    ts = [asyncio.create_task(sleeper(f"s{i}", 5)) for i in range(12)]
    cs = [asyncio.create_task(sleeper(f"c{i}", 7)) for i in range(60)]
    tm = [asyncio.create_task(timed(ev)) for i in range(60)]
    await asyncio.sleep(1)
    for c in cs:
        c.cancel()
    ev.set()
    await asyncio.sleep(0)
    await asyncio.sleep(0)
    await asyncio.sleep(1)
    vt.say("main", "120 of 133 timers cancelled")
    await asyncio.gather(*ts, *cs, *tm)


asyncio.run(main(), loop_factory=vt.VirtualLoop)
