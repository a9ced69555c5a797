# Class 11: get_nowait() wakes the first waiting putter of a full queue; that putter is cancelled
# in the same step, so it passes the free slot on to the next putter (asyncio's _wakeup_next).
import asyncio

import vtloop as vt


async def putter(name, q, item):
    try:
        await q.put(item)
        vt.say(name, f"put {item}, qsize={q.qsize()}")
    except asyncio.CancelledError:
        vt.say(name, f"cancelled, full={q.full()}")


async def main():
    q = asyncio.Queue(maxsize=1)
    q.put_nowait("first")
    ps = [asyncio.create_task(putter(f"p{i}", q, f"cup{i}")) for i in range(3)]
    await asyncio.sleep(1)
    vt.say("main", f"took {q.get_nowait()}, cancelling p0")
    ps[0].cancel()
    await asyncio.sleep(0)
    await asyncio.sleep(0)
    vt.say("main", f"took {q.get_nowait()}")
    await asyncio.gather(*ps)
    vt.say("main", f"left {q.get_nowait()}, empty={q.empty()}")


asyncio.run(main(), loop_factory=vt.VirtualLoop)
