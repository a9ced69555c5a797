# Queue(1) full; p1 waits in wait_for(q.put(x), 1), p2 behind it without a deadline; at exactly
# 1 s a timer does get_nowait. If that timer runs first, p1 is woken and then cancelled by its
# deadline: it passes the slot to p2. If the deadline runs first, p1 leaves and the get wakes p2.
# Classes 11, 6, 1.
import asyncio

import vtloop as vt


async def putter(q, name, item, patience):
    try:
        if patience is None:
            await q.put(item)
        else:
            await asyncio.wait_for(q.put(item), patience)
        vt.say(name, f"put {item}, qsize={q.qsize()}")
    except TimeoutError:
        vt.say(name, f"TimeoutError, qsize={q.qsize()}")


async def main():
    loop = asyncio.get_running_loop()
    for label, timer_first in (("timer-first", True), ("deadline-first", False)):
        q = asyncio.Queue(1)
        q.put_nowait("old")
        get = lambda: vt.say("timer", f"get_nowait -> {q.get_nowait()}")
        if timer_first:
            loop.call_later(1, get)
        p1 = asyncio.create_task(putter(q, label + "-p1", "x1", 1), name="p1")
        p2 = asyncio.create_task(putter(q, label + "-p2", "x2", None), name="p2")
        await asyncio.sleep(0)
        if not timer_first:
            loop.call_later(1, get)
        await asyncio.wait([p1, p2], timeout=2)
        vt.say("main", f"{label}: left {q.get_nowait()}, p2 done={p2.done()}")
        p2.cancel()


asyncio.run(main(), loop_factory=vt.VirtualLoop)
