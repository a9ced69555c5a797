# Class 11: several items put in one step wake one getter each, in wait order. A newcomer task
# created in that step runs its first step after the woken getters, so it waits for the next item.
import asyncio

import vtloop as vt


async def getter(name, q):
    vt.say(name, f"got {await q.get()}")


async def main():
    q = asyncio.Queue()
    waiting = [asyncio.create_task(getter(f"w{i}", q)) for i in range(3)]
    await asyncio.sleep(1)
    for item in ("a", "b", "c"):
        q.put_nowait(item)
    newcomer = asyncio.create_task(getter("new", q))
    vt.say("main", "put a b c, started a newcomer")
    await asyncio.sleep(0)
    vt.say("main", f"qsize={q.qsize()}")
    q.put_nowait("d")
    await asyncio.gather(*waiting, newcomer)


asyncio.run(main(), loop_factory=vt.VirtualLoop)
