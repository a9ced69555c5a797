# A done-callback of task a cancels main, which awaits gather(a, b, return_exceptions=True):
# the cancel reaches b through the gather; a second callback, of b, calls main.uncancel()
# while main's CancelledError is already on its way; then a callback cancels a task that
# ended in the same iteration (cancel() -> False). Classes 5, 2.
import asyncio

import vtloop as vt


async def brew(name, d):
    try:
        await asyncio.sleep(d)
    except asyncio.CancelledError:
        vt.say(name, "cancelled")
        raise
    return name


async def main():
    me = asyncio.current_task()
    a = asyncio.create_task(brew("a", 1), name="a")
    b = asyncio.create_task(brew("b", 2), name="b")
    a.add_done_callback(lambda f: vt.say("cb-a", f"cancel main -> {me.cancel('a finished')}"))
    b.add_done_callback(lambda f: vt.say("cb-b", f"uncancel main -> {me.uncancel()}"))
    try:
        await asyncio.gather(a, b, return_exceptions=True)
    except asyncio.CancelledError as e:
        vt.say("main", f"{vt.err(e)}, cancelling={me.cancelling()}")
    await asyncio.sleep(0)
    vt.say("main", f"b cancelled={b.cancelled()}, cancelling={me.cancelling()}")
    c = asyncio.create_task(brew("c", 1), name="c")
    d = asyncio.create_task(brew("d", 1), name="d")
    c.add_done_callback(lambda f: vt.say("cb-c", f"cancel d -> {d.cancel()} done={d.done()}"))
    r = await asyncio.gather(c, d, return_exceptions=True)
    vt.say("main", f"gather -> {[r[0], vt.err(r[1]) if isinstance(r[1], BaseException) else r[1]]}")


asyncio.run(main(), loop_factory=vt.VirtualLoop)
