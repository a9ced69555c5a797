# Class 7: the holder releases the lock and cancels the head waiter in the same step. The
# cancelled waiter was already woken; when it sees the cancellation it wakes the next waiter,
# which gets the lock one iteration later.
import asyncio

import vtloop as vt


async def waiter(name, lock):
    try:
        async with lock:
            vt.say(name, "has the lock")
            await asyncio.sleep(1)
        vt.say(name, "released")
    except asyncio.CancelledError:
        vt.say(name, f"cancelled, lock held by someone: {lock.locked()}")


async def main():
    lock = asyncio.Lock()
    await lock.acquire()
    a = asyncio.create_task(waiter("a", lock))
    b = asyncio.create_task(waiter("b", lock))
    c = asyncio.create_task(waiter("c", lock))
    await asyncio.sleep(1)
    vt.say("main", "release, then cancel a")
    lock.release()
    a.cancel()
    for i in range(3):
        await asyncio.sleep(0)
        vt.say("main", f"after hop {i + 1}: locked={lock.locked()}")
    await asyncio.gather(a, b, c)
    vt.say("main", "done")


asyncio.run(main(), loop_factory=vt.VirtualLoop)
