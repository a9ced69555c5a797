# Queue.join waits until task_done has been called once per item put; task_done too often is a
# ValueError.
import asyncio

import vtloop as vt


async def worker(name, q):
    while True:
        order = await q.get()
        await asyncio.sleep(order)
        vt.say(name, f"made a {order} s drink")
        q.task_done()


async def main():
    q = asyncio.Queue()
    for seconds in (2, 1, 3, 1):
        q.put_nowait(seconds)
    workers = [asyncio.create_task(worker(f"w{i}", q)) for i in range(2)]
    await q.join()
    vt.say("main", "all orders done")
    try:
        q.task_done()
    except ValueError as e:
        vt.say("main", vt.err(e))
    for w in workers:
        w.cancel()
    await asyncio.gather(*workers, return_exceptions=True)
    vt.say("main", f"workers cancelled={[w.cancelled() for w in workers].count(True)}")


asyncio.run(main(), loop_factory=vt.VirtualLoop)
