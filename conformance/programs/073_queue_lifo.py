# LifoQueue: the last item put is the first one got; getters waiting on an empty LifoQueue are
# woken one per put, in the order they waited.
import asyncio

import vtloop as vt


async def taker(name, q):
    vt.say(name, f"got {await q.get()}")


async def main():
    q = asyncio.LifoQueue()
    for cup in ("cup1", "cup2", "cup3"):
        q.put_nowait(cup)
    vt.say("main", f"stack order: {q.get_nowait()} {q.get_nowait()} {q.get_nowait()}")
    takers = [asyncio.create_task(taker(f"t{i}", q)) for i in range(2)]
    await asyncio.sleep(1)
    q.put_nowait("plate1")
    q.put_nowait("plate2")
    await asyncio.gather(*takers)


asyncio.run(main(), loop_factory=vt.VirtualLoop)
