# Class 8: a Barrier is cyclic: the same two parties pass it round after round, with the index
# each wait() returns in each round.
import asyncio

import vtloop as vt


async def party(name, barrier, pace):
    for round_ in range(3):
        await asyncio.sleep(pace)
        index = await barrier.wait()
        vt.say(name, f"round {round_} index {index}")


async def main():
    barrier = asyncio.Barrier(2)
    await asyncio.gather(party("fast", barrier, 0.5), party("slow", barrier, 1.25))
    vt.say("main", f"n_waiting={barrier.n_waiting}")


asyncio.run(main(), loop_factory=vt.VirtualLoop)
