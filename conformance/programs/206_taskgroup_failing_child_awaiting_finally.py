# A failing TaskGroup child: siblings' finally blocks await (distinct sleeps: set-order cancels),
# the body's finally awaits, one sibling's cleanup raises a KeyError; except* splits the group.
import asyncio

import vtloop as vt


async def fetch(name, secs, cleanup, fail_in_cleanup=False):
    try:
        await asyncio.sleep(secs)
        vt.say(name, "fetched")
    finally:
        await asyncio.sleep(cleanup)
        vt.say(name, f"cleaned up after {cleanup}")
        if fail_in_cleanup:
            raise KeyError(name)


async def broken():
    await asyncio.sleep(0.3)
    vt.say("broken", "raises")
    raise ValueError("bad payload")


async def main():
    try:
        async with asyncio.TaskGroup() as tg:
            tg.create_task(fetch("a", 0.3, 0.1))
            tg.create_task(fetch("b", 1, 0.2, fail_in_cleanup=True))
            tg.create_task(fetch("c", 1, 0.3))
            tg.create_task(broken())
            try:
                await asyncio.sleep(1)
            finally:
                vt.say("body", f"finally, cancelling={asyncio.current_task().cancelling()}")
                await asyncio.sleep(0.05)
                vt.say("body", "finally done")
    except* ValueError as eg:
        vt.say("main", f"ValueError group: {[vt.err(e) for e in eg.exceptions]}")
    except* KeyError as eg:
        vt.say("main", f"KeyError group: {[vt.err(e) for e in eg.exceptions]}")
    vt.say("main", f"cancelling={asyncio.current_task().cancelling()}")


asyncio.run(main(), loop_factory=vt.VirtualLoop)
