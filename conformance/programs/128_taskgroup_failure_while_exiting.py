# A child fails after the body has finished, while the group waits in __aexit__: the group
# cancels its waiting task all the same (and the remaining children), the wait is retried, and
# the failure comes out as an ExceptionGroup with the task's cancel count back to 0. A child
# that was cancelled and catches it may return a value: that is not an error. Classes 10, 3.
import asyncio

import vtloop as vt


async def brew(name, seconds, fail=False, stubborn=False):
    try:
        await asyncio.sleep(seconds)
    except asyncio.CancelledError:
        vt.say(name, "cancelled")
        if stubborn:
            await asyncio.sleep(0.5)
            vt.say(name, "finished its cup anyway")
            return name
        raise
    if fail:
        raise RuntimeError(f"{name} cracked")
    vt.say(name, "done")


async def main():
    me = asyncio.current_task()
    try:
        async with asyncio.TaskGroup() as g:
            g.create_task(brew("fast", 1), name="fast")
            g.create_task(brew("bad", 2, fail=True), name="bad")
            g.create_task(brew("slow", 5, stubborn=True), name="slow")
            vt.say("body", "done, leaving the block")
    except* RuntimeError as eg:
        vt.say("main", f"group: {[vt.err(e) for e in eg.exceptions]} cancelling()={me.cancelling()}")


asyncio.run(main(), loop_factory=vt.VirtualLoop)
