# Queue.shutdown() on a full queue: blocked putters raise QueueShutDown, getters still drain
# the items, then raise; a join() blocked on unfinished items stays until task_done().
import asyncio

import vtloop as vt


async def putter(name, q, item):
    try:
        await q.put(item)
        vt.say(name, "put")
    except asyncio.QueueShutDown:
        vt.say(name, "QueueShutDown")


async def getter(name, q):
    try:
        while True:
            item = await q.get()
            vt.say(name, f"got {item}")
            q.task_done()
    except asyncio.QueueShutDown:
        vt.say(name, "QueueShutDown")


async def joiner(q):
    await q.join()
    vt.say("joiner", "joined")


async def main():
    q = asyncio.Queue(maxsize=2)
    q.put_nowait("a")
    q.put_nowait("b")
    ps = [asyncio.create_task(putter(f"p{i}", q, f"x{i}")) for i in range(2)]
    j = asyncio.create_task(joiner(q))
    await asyncio.sleep(1)
    q.shutdown()
    vt.say("main", f"shutdown, qsize={q.qsize()}")
    g = asyncio.create_task(getter("g", q))
    await asyncio.gather(*ps, g, j)
    vt.say("main", f"empty={q.empty()}")


asyncio.run(main(), loop_factory=vt.VirtualLoop)
