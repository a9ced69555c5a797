# A joiner cancelled while it waits in join(): the queue's finished event is unaffected, the
# other joiner still wakes when the last task_done() comes; wait_for(q.join(), 0.5) times out.
import asyncio

import vtloop as vt


async def joiner(name, q):
    try:
        await q.join()
        vt.say(name, "joined")
    except asyncio.CancelledError:
        vt.say(name, "cancelled")


async def main():
    q = asyncio.Queue()
    q.put_nowait("x")
    js = [asyncio.create_task(joiner(f"j{i}", q)) for i in range(2)]
    await asyncio.sleep(0.25)
    js[0].cancel()
    try:
        await asyncio.wait_for(q.join(), 0.5)
    except TimeoutError:
        vt.say("main", "join timed out")
    q.get_nowait()
    q.task_done()
    vt.say("main", "task_done")
    await asyncio.gather(*js)
    await q.join()
    vt.say("main", "joined")


asyncio.run(main(), loop_factory=vt.VirtualLoop)
