# Semaphore: a waiter cancelled while queued gives up its place; one woken and cancelled in the
# same step passes the slot on to the next waiter.
import asyncio

import vtloop as vt


async def worker(name, sem):
    try:
        async with sem:
            vt.say(name, "in")
            await asyncio.sleep(1)
        vt.say(name, "out")
    except asyncio.CancelledError:
        vt.say(name, "cancelled")


async def main():
    sem = asyncio.Semaphore(1)
    await sem.acquire()
    ws = [asyncio.create_task(worker(f"w{i}", sem)) for i in range(4)]
    await asyncio.sleep(1)
    ws[1].cancel()
    await asyncio.sleep(0)
    vt.say("main", "release and cancel w0 in one step")
    sem.release()
    ws[0].cancel()
    await asyncio.gather(*ws)
    vt.say("main", f"done, locked={sem.locked()}")


asyncio.run(main(), loop_factory=vt.VirtualLoop)
