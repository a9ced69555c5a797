# Barrier(1) passes at once (index 0, no yield); Barrier(3) with n_waiting as parties arrive,
# and a fourth party arriving while the round drains waits for the next round.
import asyncio

import vtloop as vt


async def party(name, barrier, delay):
    await asyncio.sleep(delay)
    vt.say(name, f"arrives, n_waiting={barrier.n_waiting}")
    index = await barrier.wait()
    vt.say(name, f"passes with index {index}")


async def main():
    solo = asyncio.Barrier(1)
    vt.say("main", f"solo index {await solo.wait()}, {await solo.wait()}")
    b = asyncio.Barrier(3)
    ps = [asyncio.create_task(party(f"p{i}", b, d)) for i, d in enumerate((1, 2, 3, 3))]
    await asyncio.sleep(3.5)
    vt.say("main", f"n_waiting={b.n_waiting}, p3 done={ps[3].done()}")
    late = [asyncio.create_task(party(f"q{i}", b, 1)) for i in range(2)]
    await asyncio.gather(*ps, *late)
    vt.say("main", f"n_waiting={b.n_waiting}")


asyncio.run(main(), loop_factory=vt.VirtualLoop)
