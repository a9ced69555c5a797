# shutdown(immediate=True): the items left are dropped and counted done, so join() returns;
# a getter waiting on the empty queue and a get() started later both raise QueueShutDown.
import asyncio

import vtloop as vt


async def joiner(q):
    await q.join()
    vt.say("joiner", f"joined, qsize={q.qsize()}")


async def waiting_getter(name, q):
    try:
        await q.get()
    except asyncio.QueueShutDown:
        vt.say(name, "QueueShutDown")


async def main():
    q = asyncio.Queue()
    empty = asyncio.Queue()
    for i in range(3):
        q.put_nowait(i)
    vt.say("main", f"got {q.get_nowait()}, not marked done")
    j = asyncio.create_task(joiner(q))
    g = asyncio.create_task(waiting_getter("g-empty", empty))
    await asyncio.sleep(1)
    q.shutdown(immediate=True)
    empty.shutdown(immediate=True)
    vt.say("main", "both shut down")
    await asyncio.sleep(0)
    vt.say("main", f"joiner done={j.done()}")
    q.task_done()
    await asyncio.gather(j, g)
    try:
        q.task_done()
    except ValueError as e:
        vt.say("main", vt.err(e))
    await waiting_getter("late", q)


asyncio.run(main(), loop_factory=vt.VirtualLoop)
