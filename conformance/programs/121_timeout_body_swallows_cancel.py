# The body of `async with timeout()` catches the deadline's CancelledError and carries on: the
# block ends normally, no TimeoutError, expired() is True, and the cancel request was withdrawn
# (cancelling() back to 0), so a later sleep and a second timeout work. Classes 6, 3.
import asyncio

import vtloop as vt


async def main():
    me = asyncio.current_task()
    async with asyncio.timeout(1) as cm:
        try:
            await asyncio.sleep(5)
        except asyncio.CancelledError:
            vt.say("main", f"caught the deadline, cancelling()={me.cancelling()}")
        await asyncio.sleep(0.5)
        vt.say("main", "still inside the block")
    vt.say("main", f"left the block: expired={cm.expired()} cancelling()={me.cancelling()}")
    try:
        async with asyncio.timeout(1):
            await asyncio.sleep(2)
    except TimeoutError:
        vt.say("main", f"second timeout: TimeoutError, cancelling()={me.cancelling()}")
    try:
        async with asyncio.timeout(1) as cm:
            try:
                await asyncio.sleep(2)
            finally:
                vt.say("main", "cleanup sleep inside the expired block")
                await asyncio.sleep(0.25)
    except TimeoutError:
        vt.say("main", f"third: TimeoutError after cleanup, expired={cm.expired()}")


asyncio.run(main(), loop_factory=vt.VirtualLoop)
