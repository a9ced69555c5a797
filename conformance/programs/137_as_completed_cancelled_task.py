# as_completed with a task that is cancelled while it is watched: it comes out when it ends
# cancelled, like any other, and only reading its result raises. A task that fails comes out
# too; the iteration itself never raises for them. Class API, 2.
import asyncio

import vtloop as vt


async def brew(name, seconds, fail=False):
    await asyncio.sleep(seconds)
    if fail:
        raise OSError(f"{name}: no water")
    return name


async def main():
    a = asyncio.create_task(brew("a", 3), name="a")
    b = asyncio.create_task(brew("b", 2), name="b")
    c = asyncio.create_task(brew("c", 1, fail=True), name="c")
    asyncio.get_running_loop().call_later(1.5, a.cancel, "no longer needed")
    async for t in asyncio.as_completed([a, b, c]):
        if t.cancelled():
            try:
                t.result()
            except asyncio.CancelledError as e:
                vt.say("main", f"{t.get_name()} cancelled: result() raises {vt.err(e)}")
        elif t.exception() is not None:
            vt.say("main", f"{t.get_name()} failed: {vt.err(t.exception())}")
        else:
            vt.say("main", f"{t.get_name()} -> {t.result()}")


asyncio.run(main(), loop_factory=vt.VirtualLoop)
