# Condition: notify(n) wakes the first n waiters in wait order; each must re-acquire the lock,
# so they resume one after another as the lock is handed on.
import asyncio

import vtloop as vt


async def consumer(name, cond, shelf):
    async with cond:
        vt.say(name, "waits")
        await cond.wait()
        vt.say(name, f"woke, shelf={','.join(shelf) or 'empty'}")
        shelf.pop()


async def main():
    cond = asyncio.Condition()
    shelf = []
    tasks = [asyncio.create_task(consumer(f"c{i}", cond, shelf)) for i in range(4)]
    await asyncio.sleep(1)
    async with cond:
        shelf.extend(["bun", "cake"])
        cond.notify(2)
        vt.say("main", "stocked 2, notify(2)")
    await asyncio.sleep(1)
    async with cond:
        shelf.extend(["pie", "tart"])
        cond.notify_all()
        vt.say("main", "stocked 2, notify_all()")
    await asyncio.gather(*tasks)
    vt.say("main", f"shelf={','.join(shelf) or 'empty'}")


asyncio.run(main(), loop_factory=vt.VirtualLoop)
