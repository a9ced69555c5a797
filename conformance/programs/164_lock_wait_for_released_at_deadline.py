# Lock with wait_for(lock.acquire(), 1) while the holder releases at exactly 1 s: the holder's
# sleep timer and the deadline fire in one iteration; who gets the lock follows the heap.
import asyncio

import vtloop as vt


async def holder(lock):
    async with lock:
        await asyncio.sleep(1)
    vt.say("holder", "released")


async def impatient(name, lock, patience):
    try:
        await asyncio.wait_for(lock.acquire(), patience)
    except TimeoutError:
        vt.say(name, f"gave up, locked={lock.locked()}")
        return
    vt.say(name, "got the lock")
    await asyncio.sleep(0.5)
    lock.release()


async def main():
    lock = asyncio.Lock()
    h = asyncio.create_task(holder(lock))
    await asyncio.sleep(0)
    ws = [asyncio.create_task(impatient(n, lock, p)) for n, p in (("a", 1), ("b", 1.25), ("c", 2))]
    await asyncio.gather(h, *ws)
    vt.say("main", f"locked={lock.locked()}")


asyncio.run(main(), loop_factory=vt.VirtualLoop)
