# Cancelling a gather whose children have all ended but whose done-callbacks have not run yet:
# cancel() returns False (no child could be cancelled), and the gather delivers its results.
# Cancelling the awaiting task in that window: the gather (not done yet) is asked to cancel and
# cancels nothing, so the task keeps the request (_must_cancel) and gets CancelledError instead
# of the gather's result when it wakes. Classes 2, 4.
import asyncio

import vtloop as vt


async def brew(name, seconds):
    await asyncio.sleep(seconds)
    vt.say(name, "done")
    return name


async def watcher(g):
    try:
        r = await g
        vt.say("watcher", f"got {r}")
    except asyncio.CancelledError:
        vt.say("watcher", f"cancelled; gather done={g.done()}")
    return "watched"


async def main():
    a = asyncio.create_task(brew("a", 1), name="a")
    b = asyncio.create_task(brew("b", 1), name="b")
    g = asyncio.gather(a, b)
    await asyncio.sleep(0)  # a's and b's timers first: main's sleep ends after theirs
    await asyncio.sleep(1)
    vt.say("main", f"a done={a.done()} b done={b.done()} gather done={g.done()}")
    vt.say("main", f"gather.cancel() -> {g.cancel()}")
    vt.say("main", f"gather -> {await g}")
    c = asyncio.create_task(brew("c", 1), name="c")
    g2 = asyncio.gather(c)
    w = asyncio.create_task(watcher(g2), name="watcher")
    await asyncio.sleep(0)
    await asyncio.sleep(1)
    vt.say("main", f"c done={c.done()} g2 done={g2.done()} cancel watcher -> {w.cancel()}")
    vt.say("main", f"watcher -> {await w}, cancelled={w.cancelled()}")
    vt.say("main", f"g2 cancelled={g2.cancelled()} result={g2.result()}")


asyncio.run(main(), loop_factory=vt.VirtualLoop)
