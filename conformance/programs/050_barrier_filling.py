# Class 8: Barrier(3): the first two parties wait, the third fills it; each gets its index from
# wait() in arrival order, and all leave together.
import asyncio

import vtloop as vt


async def party(name, barrier, delay):
    await asyncio.sleep(delay)
    vt.say(name, f"arrives, n_waiting={barrier.n_waiting}")
    index = await barrier.wait()
    vt.say(name, f"passes with index {index}")


async def main():
    barrier = asyncio.Barrier(3)
    await asyncio.gather(party("ann", barrier, 1), party("bob", barrier, 2), party("cy", barrier, 3))
    vt.say("main", f"parties={barrier.parties} n_waiting={barrier.n_waiting} broken={barrier.broken}")


asyncio.run(main(), loop_factory=vt.VirtualLoop)
