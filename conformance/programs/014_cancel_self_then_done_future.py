# Class 4: a task cancels itself; awaiting things that complete at once does not raise (no real
# suspension), the CancelledError arrives at the first await that really yields (_must_cancel).
import asyncio

import vtloop as vt


async def quick():
    return 7


async def worker():
    loop = asyncio.get_running_loop()
    done = loop.create_future()
    done.set_result("ready")
    asyncio.current_task().cancel()
    vt.say("worker", "cancelled myself")
    vt.say("worker", f"await done future -> {await done}")
    vt.say("worker", f"await coroutine -> {await quick()}")
    try:
        await asyncio.sleep(0)
        vt.say("worker", "sleep(0) returned")
    except asyncio.CancelledError:
        vt.say("worker", "CancelledError at sleep(0)")
        raise


async def main():
    t = asyncio.create_task(worker())
    try:
        await t
    except asyncio.CancelledError:
        vt.say("main", f"worker cancelled={t.cancelled()}")


asyncio.run(main(), loop_factory=vt.VirtualLoop)
