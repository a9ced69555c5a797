# Class 4 with a Lock: after cancelling itself, a task acquires a free lock (no suspension, so no
# CancelledError yet); the cancellation hits at the sleep inside, and async with releases the lock.
import asyncio

import vtloop as vt


async def worker(lock):
    asyncio.current_task().cancel("shift over")
    async with lock:
        vt.say("worker", f"holds the lock, locked={lock.locked()}")
        try:
            await asyncio.sleep(1)
        except asyncio.CancelledError as e:
            vt.say("worker", f"caught {vt.err(e)} while holding the lock")
            raise


async def main():
    lock = asyncio.Lock()
    t = asyncio.create_task(worker(lock))
    await asyncio.gather(t, return_exceptions=True)
    vt.say("main", f"worker cancelled={t.cancelled()} locked={lock.locked()}")
    async with lock:
        vt.say("main", "got the lock")


asyncio.run(main(), loop_factory=vt.VirtualLoop)
