# asyncio.run's ending with several pending tasks. asyncio cancels them in set order (object
# identity), so each one here only prints after a cleanup sleep of its own length: the transcript
# does not depend on that order.
import asyncio

import vtloop as vt


async def staff(name, cleanup):
    try:
        await asyncio.sleep(100)
    except asyncio.CancelledError:
        await asyncio.sleep(cleanup)
        vt.say(name, f"left after {cleanup} s of cleanup")
        raise


async def main():
    for name, cleanup in (("barista", 2), ("cashier", 0.5), ("manager", 1)):
        asyncio.create_task(staff(name, cleanup), name=name)
    await asyncio.sleep(1)
    vt.say("main", "returns")


asyncio.run(main(), loop_factory=vt.VirtualLoop)
vt.say("after-run", "loop closed")
