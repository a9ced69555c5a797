# Class 8: the last party releases the barrier, and one released party is cancelled before it
# runs: it leaves with CancelledError, the others pass, and the barrier is not broken.
import asyncio

import vtloop as vt


async def party(name, barrier, delay):
    await asyncio.sleep(delay)
    try:
        index = await barrier.wait()
        vt.say(name, f"index {index}")
    except asyncio.CancelledError:
        vt.say(name, f"cancelled, n_waiting={barrier.n_waiting}")
        raise


async def main():
    b = asyncio.Barrier(3)
    ps = [asyncio.create_task(party(f"p{i}", b, i)) for i in range(3)]
    await asyncio.sleep(2)
    ps[0].cancel()
    vt.say("main", "cancelled p0 as p2 arrives")
    res = await asyncio.gather(*ps, return_exceptions=True)
    vt.say("main", f"{[vt.err(r) if r else r for r in res]} broken={b.broken}")
    qs = [asyncio.create_task(party(f"q{i}", b, 0)) for i in range(3)]
    await asyncio.gather(*qs)


asyncio.run(main(), loop_factory=vt.VirtualLoop)
