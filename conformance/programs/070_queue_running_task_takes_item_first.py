# Class 11: put() wakes one waiting getter, which re-checks when it runs. A task that runs before
# it (here: main itself, right after the put) takes the item; the woken getter waits again.
import asyncio

import vtloop as vt


async def getter(q):
    vt.say("getter", "waiting")
    item = await q.get()
    vt.say("getter", f"got {item}")


async def main():
    q = asyncio.Queue()
    g = asyncio.create_task(getter(q))
    await asyncio.sleep(1)
    q.put_nowait("first")
    vt.say("main", f"took {q.get_nowait()} before the getter ran")
    await asyncio.sleep(1)
    q.put_nowait("second")
    vt.say("main", "put second")
    await g
    vt.say("main", f"empty={q.empty()}")


asyncio.run(main(), loop_factory=vt.VirtualLoop)
