# LifoQueue: items come out last-in first-out, but the waiting getters themselves are served
# first-come first-served; a task_done/join cycle over a stack.
import asyncio

import vtloop as vt


async def getter(name, q):
    item = await q.get()
    vt.say(name, f"got {item}")
    await asyncio.sleep(0.5)
    q.task_done()


async def main():
    q = asyncio.LifoQueue()
    gs = [asyncio.create_task(getter(f"g{i}", q)) for i in range(3)]
    await asyncio.sleep(0)
    for plate in ("p1", "p2", "p3"):
        q.put_nowait(plate)
    vt.say("main", f"pushed three, qsize={q.qsize()}")
    await q.join()
    vt.say("main", "all plates done")
    await asyncio.gather(*gs)


asyncio.run(main(), loop_factory=vt.VirtualLoop)
