# wait_for(barrier.wait(), 1) times out: the cancelled party leaves the count, and the barrier
# is not broken, so the next three parties form a full round.
import asyncio

import vtloop as vt


async def party(name, barrier, delay, patience=None):
    await asyncio.sleep(delay)
    try:
        index = await asyncio.wait_for(barrier.wait(), patience)
        vt.say(name, f"index {index}")
    except TimeoutError:
        vt.say(name, f"timed out, n_waiting={barrier.n_waiting}, broken={barrier.broken}")


async def main():
    b = asyncio.Barrier(3)
    await asyncio.gather(party("impatient", b, 0, 1), party("a", b, 0.5),
                         party("b", b, 1.5), party("c", b, 2))
    vt.say("main", f"n_waiting={b.n_waiting}")


asyncio.run(main(), loop_factory=vt.VirtualLoop)
