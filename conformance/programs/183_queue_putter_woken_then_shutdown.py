# A putter woken by get_nowait() and a shutdown() in the same step: the woken putter re-checks,
# finds the queue no longer full, and its put_nowait raises QueueShutDown.
import asyncio

import vtloop as vt


async def putter(name, q, item):
    try:
        await q.put(item)
        vt.say(name, "put")
    except asyncio.QueueShutDown:
        vt.say(name, f"QueueShutDown, qsize={q.qsize()}")


async def main():
    q = asyncio.Queue(maxsize=1)
    q.put_nowait("a")
    ps = [asyncio.create_task(putter(f"p{i}", q, i)) for i in range(2)]
    await asyncio.sleep(1)
    vt.say("main", f"took {q.get_nowait()}")
    q.shutdown()
    await asyncio.gather(*ps)
    try:
        await q.get()
    except asyncio.QueueShutDown:
        vt.say("main", "get on an empty shut-down queue raised")


asyncio.run(main(), loop_factory=vt.VirtualLoop)
