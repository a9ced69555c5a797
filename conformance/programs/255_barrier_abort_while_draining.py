# Barrier(2) fills (a, b released) and, in the same step, c arrives while the barrier drains and
# blocks; then abort(): the released parties raise "Abort or reset of barrier", the blocked
# newcomer "Barrier aborted"; reset() afterwards and a fresh round. Class 8.
import asyncio

import vtloop as vt


async def party(name, b):
    try:
        vt.say(name, f"index {await b.wait()}")
    except asyncio.BrokenBarrierError as e:
        vt.say(name, f"{vt.err(e)}")


async def main():
    b = asyncio.Barrier(2)
    a, bb, c = (asyncio.create_task(party(n, b), name=n) for n in "abc")
    await asyncio.sleep(0)
    vt.say("main", f"n_waiting={b.n_waiting} broken={b.broken}")
    await b.abort()
    await asyncio.gather(a, bb, c)
    vt.say("main", f"after abort: n_waiting={b.n_waiting} broken={b.broken}")
    await b.reset()
    ts = [asyncio.create_task(party(n, b), name=n) for n in ("d", "e")]
    await asyncio.gather(*ts)
    vt.say("main", f"after reset: broken={b.broken}")


asyncio.run(main(), loop_factory=vt.VirtualLoop)
