# The body of a TaskGroup awaits one of its children, which fails. The group's done-callback on
# the child was registered first, so it cancels the body before the body's wake-up runs: the
# body gets CancelledError, not the child's ValueError, and the group raises the ExceptionGroup.
# The task's cancel count is back to 0 afterwards. Classes 10, 2, 4.
import asyncio

import vtloop as vt


async def brew(name, seconds, fail=False):
    try:
        await asyncio.sleep(seconds)
    except asyncio.CancelledError:
        vt.say(name, "cancelled")
        raise
    if fail:
        raise ValueError(f"{name} boiled over")
    vt.say(name, "done")


async def main():
    me = asyncio.current_task()
    try:
        async with asyncio.TaskGroup() as g:
            bad = g.create_task(brew("bad", 1, fail=True), name="bad")
            g.create_task(brew("slow", 3), name="slow")
            try:
                await bad
            except ValueError as e:
                vt.say("body", f"await bad raised {vt.err(e)}")
            except asyncio.CancelledError:
                vt.say("body", f"await bad raised CancelledError, cancelling()={me.cancelling()}")
                raise
    except* ValueError as eg:
        vt.say("main", f"group: {[vt.err(e) for e in eg.exceptions]}")
    vt.say("main", f"cancelling()={me.cancelling()}")
    await asyncio.sleep(1)
    vt.say("main", "sleeps normally afterwards")


asyncio.run(main(), loop_factory=vt.VirtualLoop)
