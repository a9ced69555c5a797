# Barrier.abort() in the step right after the last party arrived: the released parties have not
# run yet, see the broken state and raise BrokenBarrierError; the last arriver keeps its index.
import asyncio

import vtloop as vt


async def party(name, barrier):
    try:
        index = await barrier.wait()
        vt.say(name, f"passed with index {index}")
    except asyncio.BrokenBarrierError as e:
        vt.say(name, vt.err(e))


async def main():
    b = asyncio.Barrier(3)
    ps = [asyncio.create_task(party(f"p{i}", b)) for i in range(2)]
    await asyncio.sleep(1)
    last = asyncio.create_task(party("last", b))
    await asyncio.sleep(0)
    await b.abort()
    vt.say("main", f"aborted, broken={b.broken}")
    await asyncio.gather(*ps, last)
    await party("after", b)
    await b.reset()
    vt.say("main", f"reset, broken={b.broken}, n_waiting={b.n_waiting}")


asyncio.run(main(), loop_factory=vt.VirtualLoop)
