# Queue.shutdown(immediate=True): the queue is emptied at once (dropped items count as
# task_done, so join() returns) and every getter re-checks and gets QueueShutDown, even the ones
# a put() had already woken in the same step.
import asyncio

import vtloop as vt


async def getter(name, q):
    try:
        vt.say(name, f"got {await q.get()}")
    except asyncio.QueueShutDown:
        vt.say(name, "QueueShutDown")


async def joiner(q):
    await q.join()
    vt.say("joiner", "join returned")


async def main():
    q = asyncio.Queue()
    q.put_nowait("early")
    j = asyncio.create_task(joiner(q))
    getters = [asyncio.create_task(getter(f"g{i}", q)) for i in range(4)]
    await asyncio.sleep(1)
    q.task_done()
    for item in ("a", "b", "c"):
        q.put_nowait(item)
    vt.say("main", f"put 3, qsize={q.qsize()}, shutdown(immediate=True)")
    q.shutdown(immediate=True)
    vt.say("main", f"qsize={q.qsize()}")
    await asyncio.gather(*getters, j)
    try:
        await q.get()
    except asyncio.QueueShutDown:
        vt.say("main", "get after shutdown: QueueShutDown")


asyncio.run(main(), loop_factory=vt.VirtualLoop)
