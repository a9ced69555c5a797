# Queue.shutdown(): waiting putters and later puts raise QueueShutDown; getters drain what is
# left, then get QueueShutDown.
import asyncio

import vtloop as vt


async def consumer(name, q):
    try:
        while True:
            item = await q.get()
            vt.say(name, f"got {item}")
            await asyncio.sleep(1)
    except asyncio.QueueShutDown:
        vt.say(name, "queue shut down")


async def producer(q):
    try:
        for i in range(10):
            await q.put(i)
    except asyncio.QueueShutDown:
        vt.say("producer", f"put {i} refused")


async def main():
    q = asyncio.Queue(maxsize=2)
    p = asyncio.create_task(producer(q))
    c = asyncio.create_task(consumer("c", q))
    await asyncio.sleep(2.5)
    q.shutdown()
    vt.say("main", f"shutdown, qsize={q.qsize()}")
    try:
        q.put_nowait(99)
    except asyncio.QueueShutDown:
        vt.say("main", "put_nowait refused")
    await asyncio.gather(p, c)
    vt.say("main", "done")


asyncio.run(main(), loop_factory=vt.VirtualLoop)
