# Class 11: a woken getter that is cancelled before it runs leaves the item in the queue (the
# item was never removed); a getter that runs later finds it. get_nowait on empty raises QueueEmpty.
import asyncio

import vtloop as vt


async def getter(name, q):
    try:
        vt.say(name, f"got {await q.get()}")
    except asyncio.CancelledError:
        vt.say(name, f"cancelled, qsize={q.qsize()}")


async def main():
    q = asyncio.Queue()
    only = asyncio.create_task(getter("only", q))
    await asyncio.sleep(1)
    q.put_nowait("pretzel")
    only.cancel()
    await asyncio.sleep(0)
    await asyncio.sleep(0)
    vt.say("main", f"qsize={q.qsize()}, took {q.get_nowait()}")
    try:
        q.get_nowait()
    except asyncio.QueueEmpty:
        vt.say("main", "QueueEmpty")


asyncio.run(main(), loop_factory=vt.VirtualLoop)
