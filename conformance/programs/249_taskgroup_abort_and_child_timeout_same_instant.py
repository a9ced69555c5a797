# A child enters timeout(0) (its deadline fires through call_soon) in the iteration a sibling
# fails: the deadline's cancel and the group's abort both land before the child runs
# (cancelling() 2), so the timeout lets CancelledError out, not TimeoutError, in either order;
# with the child half a second earlier it is a TimeoutError the child handles. Classes 10, 6.
import asyncio

import vtloop as vt


async def careful(name, d):
    me = asyncio.current_task()
    await asyncio.sleep(d)
    try:
        async with asyncio.timeout(0):
            await asyncio.sleep(5)
    except TimeoutError:
        vt.say(name, f"TimeoutError, cancelling={me.cancelling()}")
    except asyncio.CancelledError:
        vt.say(name, f"CancelledError, cancelling={me.cancelling()}")
        raise


async def fail(name):
    await asyncio.sleep(1)
    raise OSError(name)


async def main():
    for label, d, first in (("boom-first", 1, False), ("careful-first", 1, True), ("early", 0.5, True)):
        try:
            async with asyncio.TaskGroup() as tg:
                if first:
                    tg.create_task(careful(label, d), name=label)
                tg.create_task(fail(label + "-boom"), name=label + "-boom")
                if not first:
                    tg.create_task(careful(label, d), name=label)
        except ExceptionGroup as eg:
            vt.say("main", f"{label}: {[vt.err(e) for e in eg.exceptions]}")


asyncio.run(main(), loop_factory=vt.VirtualLoop)
