# Class 8: abort() breaks the barrier for good: waiters and later callers get BrokenBarrierError
# until reset() is awaited.
import asyncio

import vtloop as vt


async def party(name, barrier):
    try:
        index = await barrier.wait()
        vt.say(name, f"passes with index {index}")
    except asyncio.BrokenBarrierError as e:
        vt.say(name, vt.err(e))


async def main():
    barrier = asyncio.Barrier(3)
    waiting = [asyncio.create_task(party(n, barrier)) for n in ("a", "b")]
    await asyncio.sleep(1)
    await barrier.abort()
    vt.say("main", f"aborted, broken={barrier.broken}")
    await asyncio.gather(*waiting)
    await party("late", barrier)
    await barrier.reset()
    vt.say("main", f"after reset broken={barrier.broken}")
    await asyncio.gather(party("x", barrier), party("y", barrier), party("z", barrier))


asyncio.run(main(), loop_factory=vt.VirtualLoop)
