# Queue(maxsize=-3) and Queue(0) are unbounded: full() is never true and put never waits; a
# getter woken by a put loses the item to a get_nowait in the same step and waits again.
import asyncio

import vtloop as vt


async def getter(name, q):
    item = await q.get()
    vt.say(name, f"got {item}")


async def main():
    q = asyncio.Queue(maxsize=-3)
    for i in range(5):
        await q.put(i)
    vt.say("main", f"qsize={q.qsize()} full={q.full()}")
    while not q.empty():
        q.get_nowait()
    gs = [asyncio.create_task(getter(f"g{i}", q)) for i in range(2)]
    await asyncio.sleep(1)
    q.put_nowait("a")
    q.put_nowait("b")
    vt.say("main", f"stole {q.get_nowait()}")
    await asyncio.sleep(0)
    vt.say("main", f"qsize={q.qsize()}")
    q.put_nowait("c")
    await asyncio.gather(*gs)


asyncio.run(main(), loop_factory=vt.VirtualLoop)
