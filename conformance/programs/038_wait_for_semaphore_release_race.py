# Class 6 and 7: a Semaphore is released at the instant a waiter's wait_for deadline fires. The
# timed-out waiter gives the slot back, so the next waiter gets it; nothing leaks.
import asyncio

import vtloop as vt


async def waiter(name, sem, patience):
    try:
        await asyncio.wait_for(sem.acquire(), patience)
    except TimeoutError:
        vt.say(name, f"timed out, locked={sem.locked()}")
        return
    vt.say(name, "acquired")
    await asyncio.sleep(1)
    sem.release()


async def main():
    loop = asyncio.get_running_loop()
    sem = asyncio.Semaphore(1)
    await sem.acquire()
    tasks = [asyncio.create_task(waiter("a", sem, 2)), asyncio.create_task(waiter("b", sem, 5))]
    await asyncio.sleep(0)
    loop.call_at(2.0, sem.release)
    await asyncio.gather(*tasks)
    vt.say("main", f"locked={sem.locked()}")


asyncio.run(main(), loop_factory=vt.VirtualLoop)
