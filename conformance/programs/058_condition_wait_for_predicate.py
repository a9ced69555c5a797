# Condition.wait_for(predicate): the predicate is checked under the lock before waiting and after
# every wake-up; notify_all wakes everybody, only the ones whose predicate holds go on.
import asyncio

import vtloop as vt


async def customer(name, cond, orders, number):
    async with cond:
        await cond.wait_for(lambda: number in orders)
        vt.say(name, f"order {number} is ready")


async def main():
    cond = asyncio.Condition()
    ready = []
    tasks = [asyncio.create_task(customer(f"c{n}", cond, ready, n)) for n in (3, 1, 2)]
    for n in (1, 2, 3):
        await asyncio.sleep(1)
        async with cond:
            ready.append(n)
            vt.say("barista", f"order {n} up")
            cond.notify_all()
    await asyncio.gather(*tasks)


asyncio.run(main(), loop_factory=vt.VirtualLoop)
