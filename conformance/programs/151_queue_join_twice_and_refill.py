# Queue.join(): two joiners wake in the order they waited; join() on a finished queue does not
# yield (a sleep(0) started before it still runs after); a put after join re-arms it.
import asyncio

import vtloop as vt


async def joiner(name, q):
    await q.join()
    vt.say(name, "joined")


async def worker(q):
    while True:
        item = await q.get()
        await asyncio.sleep(item)
        vt.say("worker", f"done {item}")
        q.task_done()


async def main():
    q = asyncio.Queue()
    w = asyncio.create_task(worker(q))
    for item in (0.5, 0.25):
        q.put_nowait(item)
    js = [asyncio.create_task(joiner(f"j{i}", q)) for i in range(2)]
    await asyncio.gather(*js)
    other = asyncio.create_task(joiner("j2", q))
    await q.join()
    vt.say("main", "join on a finished queue returned at once")
    q.put_nowait(1)
    await q.join()
    vt.say("main", f"joined again, other done={other.done()}")
    w.cancel()


asyncio.run(main(), loop_factory=vt.VirtualLoop)
