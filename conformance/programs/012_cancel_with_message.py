# cancel(msg): the message travels with the CancelledError into the task and to its awaiter.
import asyncio

import vtloop as vt


async def barista():
    try:
        await asyncio.sleep(10)
    except asyncio.CancelledError as e:
        vt.say("barista", f"caught {vt.err(e)}")
        raise


async def main():
    t = asyncio.create_task(barista())
    await asyncio.sleep(2)
    t.cancel("closing time")
    vt.say("main", f"cancel requested, cancelling()={t.cancelling()}")
    try:
        await t
    except asyncio.CancelledError as e:
        vt.say("main", f"awaiter got {vt.err(e)}")
    vt.say("main", f"cancelled()={t.cancelled()}")


asyncio.run(main(), loop_factory=vt.VirtualLoop)
