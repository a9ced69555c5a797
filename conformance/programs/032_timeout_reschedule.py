# asyncio.timeout(): when(), reschedule() to a later and then an earlier deadline, expired(),
# and the CancelledError inside becoming TimeoutError outside.
import asyncio

import vtloop as vt


async def main():
    loop = asyncio.get_running_loop()
    try:
        async with asyncio.timeout(1) as cm:
            vt.say("main", f"deadline {cm.when()}")
            cm.reschedule(loop.time() + 5)
            vt.say("main", f"rescheduled to {cm.when()}")
            await asyncio.sleep(2)
            vt.say("main", "slept 2, still inside")
            cm.reschedule(loop.time() + 0.5)
            try:
                await asyncio.sleep(10)
            except asyncio.CancelledError:
                vt.say("main", "inner sleep cancelled")
                raise
    except TimeoutError:
        vt.say("main", f"TimeoutError, expired()={cm.expired()}")
    async with asyncio.timeout(None) as cm:
        await asyncio.sleep(1)
        vt.say("main", f"no deadline: when()={cm.when()}")


asyncio.run(main(), loop_factory=vt.VirtualLoop)
