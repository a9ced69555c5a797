# Semaphore(0) with four waiters: three releases in one step hand permits to the first three;
# one of them is cancelled in that step and passes its permit on; a newcomer queues behind.
import asyncio

import vtloop as vt


async def waiter(name, sem):
    try:
        await sem.acquire()
        vt.say(name, "acquired")
    except asyncio.CancelledError:
        vt.say(name, f"cancelled, locked={sem.locked()}")


async def main():
    sem = asyncio.Semaphore(0)
    ws = [asyncio.create_task(waiter(f"w{i}", sem)) for i in range(4)]
    await asyncio.sleep(1)
    for _ in range(3):
        sem.release()
    ws[1].cancel()
    late = asyncio.create_task(waiter("late", sem))
    vt.say("main", f"released 3, cancelled w1, locked={sem.locked()}")
    await asyncio.gather(*ws)
    vt.say("main", f"late done={late.done()}")
    sem.release()
    await late
    vt.say("main", f"locked={sem.locked()}")


asyncio.run(main(), loop_factory=vt.VirtualLoop)
