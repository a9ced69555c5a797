# Lock fast path: when every queued waiter's future is cancelled (their tasks have not run yet),
# a newcomer takes a free lock at once; Semaphore.locked() likewise ignores cancelled waiters.
import asyncio

import vtloop as vt


async def waiter(name, prim):
    try:
        await prim.acquire()
        vt.say(name, "acquired")
        prim.release()
    except asyncio.CancelledError:
        vt.say(name, "cancelled")


async def main():
    lock = asyncio.Lock()
    sem = asyncio.Semaphore(1)
    await lock.acquire()
    await sem.acquire()
    ws = [asyncio.create_task(waiter(f"lw{i}", lock)) for i in range(2)]
    ws += [asyncio.create_task(waiter("sw", sem))]
    await asyncio.sleep(1)
    for w in ws:
        w.cancel()
    lock.release()
    sem.release()
    vt.say("main", f"lock.locked={lock.locked()} sem.locked={sem.locked()}")
    await lock.acquire()
    await sem.acquire()
    vt.say("main", "took both without waiting")
    await asyncio.gather(*ws)
    lock.release()
    sem.release()


asyncio.run(main(), loop_factory=vt.VirtualLoop)
