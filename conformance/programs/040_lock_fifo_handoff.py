# Lock: waiters get the lock in the order they asked; release wakes the first waiter, which runs
# one iteration later.
import asyncio

import vtloop as vt


async def barista(name, lock, seconds):
    vt.say(name, "wants the grinder")
    async with lock:
        vt.say(name, "grinding")
        await asyncio.sleep(seconds)
        vt.say(name, "done grinding")


async def main():
    lock = asyncio.Lock()
    await asyncio.gather(barista("ann", lock, 2), barista("bob", lock, 1), barista("cy", lock, 1.5))
    vt.say("main", f"locked={lock.locked()}")


asyncio.run(main(), loop_factory=vt.VirtualLoop)
