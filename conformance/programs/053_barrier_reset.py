# Class 8: reset() while parties wait: they get BrokenBarrierError; the barrier is usable again
# right after (not broken).
import asyncio

import vtloop as vt


async def party(name, barrier):
    try:
        index = await barrier.wait()
        vt.say(name, f"passes with index {index}")
    except asyncio.BrokenBarrierError as e:
        vt.say(name, f"{vt.err(e)} (broken={barrier.broken})")


async def main():
    barrier = asyncio.Barrier(3)
    first = [asyncio.create_task(party(n, barrier)) for n in ("a", "b")]
    await asyncio.sleep(1)
    vt.say("main", "reset")
    await barrier.reset()
    vt.say("main", f"reset returned, broken={barrier.broken}")
    await asyncio.gather(*first)
    second = [asyncio.create_task(party(n, barrier)) for n in ("c", "d", "e")]
    await asyncio.gather(*second)
    vt.say("main", f"broken={barrier.broken}")


asyncio.run(main(), loop_factory=vt.VirtualLoop)
