# cancelling() leaks: a task catches an outside cancel inside timeout(2) without uncancel(), so at
# the deadline the block lets CancelledError out instead of TimeoutError; with uncancel() it
# raises TimeoutError; a timeout entered while cancelling() is 1 still converts. Classes 6, 3.
import asyncio

import vtloop as vt


async def sipper(name, fix):
    me = asyncio.current_task()
    try:
        async with asyncio.timeout(2):
            try:
                await asyncio.sleep(5)
            except asyncio.CancelledError:
                vt.say(name, f"outside cancel caught, cancelling={me.cancelling()}")
                if fix:
                    me.uncancel()
            await asyncio.sleep(5)
    except TimeoutError:
        vt.say(name, f"TimeoutError, cancelling={me.cancelling()}")
    except asyncio.CancelledError:
        vt.say(name, f"CancelledError escaped, cancelling={me.cancelling()}")
    if me.cancelling():
        try:
            async with asyncio.timeout(1):
                await asyncio.sleep(5)
        except TimeoutError:
            vt.say(name, f"second timeout: TimeoutError, cancelling={me.cancelling()}")


async def main():
    for name, fix in (("leaky", False), ("tidy", True)):
        t = asyncio.create_task(sipper(name, fix), name=name)
        await asyncio.sleep(1)
        t.cancel()
        await t


asyncio.run(main(), loop_factory=vt.VirtualLoop)
