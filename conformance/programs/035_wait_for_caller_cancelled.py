# Class 6 and 2: the caller of wait_for is cancelled before the deadline: the inner task is
# cancelled and the caller gets CancelledError, not TimeoutError.
import asyncio

import vtloop as vt


async def inner():
    try:
        await asyncio.sleep(10)
    except asyncio.CancelledError:
        vt.say("inner", "cancelled")
        raise


async def caller():
    try:
        await asyncio.wait_for(inner(), 5)
    except TimeoutError:
        vt.say("caller", "TimeoutError")
    except asyncio.CancelledError as e:
        vt.say("caller", f"caught {vt.err(e)}")
        raise


async def main():
    t = asyncio.create_task(caller())
    await asyncio.sleep(1)
    t.cancel("customer left")
    await asyncio.gather(t, return_exceptions=True)
    vt.say("main", f"caller cancelled={t.cancelled()}")


asyncio.run(main(), loop_factory=vt.VirtualLoop)
