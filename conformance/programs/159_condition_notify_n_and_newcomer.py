# Condition.notify(2) of three waiters: the two notified re-acquire the lock in order, ahead of a
# task that asked for it in the same step; notify(5) and notify() when fewer wait are harmless.
import asyncio

import vtloop as vt


async def waiter(name, cond):
    async with cond:
        vt.say(name, "waiting")
        await cond.wait()
        vt.say(name, "notified, has the lock")
        await asyncio.sleep(0.5)


async def grabber(cond):
    async with cond:
        vt.say("grabber", "has the lock")
        await asyncio.sleep(0.25)


async def main():
    cond = asyncio.Condition()
    ws = [asyncio.create_task(waiter(f"w{i}", cond)) for i in range(3)]
    await asyncio.sleep(1)
    async with cond:
        cond.notify(2)
        g = asyncio.create_task(grabber(cond))
        await asyncio.sleep(0)
        vt.say("main", "notified two, releasing")
    await asyncio.sleep(2)
    async with cond:
        cond.notify(5)
        cond.notify()
    await asyncio.gather(*ws, g)
    vt.say("main", "done")


asyncio.run(main(), loop_factory=vt.VirtualLoop)
