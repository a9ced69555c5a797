# Class 11 (Lock): a newcomer calling acquire() right after a release, before the woken waiter
# has run, does not overtake it: it queues behind.
import asyncio

import vtloop as vt


async def user(name, lock):
    vt.say(name, "acquire")
    async with lock:
        vt.say(name, "got it")
        await asyncio.sleep(1)


async def main():
    lock = asyncio.Lock()
    await lock.acquire()
    first = asyncio.create_task(user("queued", lock))
    await asyncio.sleep(1)
    lock.release()
    vt.say("main", f"released, locked={lock.locked()}")
    late = asyncio.create_task(user("newcomer", lock))
    await asyncio.gather(first, late)
    vt.say("main", "done")


asyncio.run(main(), loop_factory=vt.VirtualLoop)
