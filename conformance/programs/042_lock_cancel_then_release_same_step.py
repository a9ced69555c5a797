# Class 7, the other order: the head waiter is cancelled first and the lock released after, in
# the same step. The release skips the cancelled waiter's future and wakes the next one at once.
import asyncio

import vtloop as vt


async def waiter(name, lock):
    try:
        async with lock:
            vt.say(name, "has the lock")
            await asyncio.sleep(1)
    except asyncio.CancelledError:
        vt.say(name, "cancelled")


async def main():
    lock = asyncio.Lock()
    await lock.acquire()
    tasks = [asyncio.create_task(waiter(n, lock)) for n in ("a", "b", "c")]
    await asyncio.sleep(1)
    vt.say("main", "cancel a, then release")
    tasks[0].cancel()
    lock.release()
    await asyncio.sleep(0)
    vt.say("main", f"after one hop: locked={lock.locked()}")
    await asyncio.gather(*tasks)
    vt.say("main", "done")


asyncio.run(main(), loop_factory=vt.VirtualLoop)
