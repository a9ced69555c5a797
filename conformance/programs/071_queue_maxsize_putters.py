# Class 11: a full Queue(maxsize=2): putters wait; each get() wakes one putter, but a putter
# that arrives in between may take the free slot first (put_nowait succeeds).
import asyncio

import vtloop as vt


async def producer(name, q, items):
    for item in items:
        vt.say(name, f"put {item} (qsize={q.qsize()}, full={q.full()})")
        await q.put(item)
        vt.say(name, f"put {item} done")


async def main():
    q = asyncio.Queue(maxsize=2)
    p = asyncio.create_task(producer("p", q, ["a", "b", "c", "d"]))
    await asyncio.sleep(1)
    vt.say("main", f"get {q.get_nowait()}")
    q.put_nowait("x")
    vt.say("main", "put_nowait x took the slot")
    for _ in range(3):
        await asyncio.sleep(1)
        vt.say("main", f"get {await q.get()}")
    await p
    vt.say("main", f"left: {q.get_nowait()}")


asyncio.run(main(), loop_factory=vt.VirtualLoop)
