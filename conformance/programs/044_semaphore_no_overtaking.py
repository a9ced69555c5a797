# Semaphore: a release wakes the first waiter; a newcomer arriving before it runs does not take
# the slot (no overtaking), and waiters are served in arrival order.
import asyncio

import vtloop as vt


async def brew(name, machines, seconds):
    vt.say(name, f"wants a machine (locked={machines.locked()})")
    async with machines:
        vt.say(name, "brewing")
        await asyncio.sleep(seconds)
    vt.say(name, "done")


async def main():
    machines = asyncio.Semaphore(2)
    tasks = [asyncio.create_task(brew(f"d{i}", machines, s)) for i, s in enumerate([2, 1, 3, 1])]
    await asyncio.sleep(1)
    vt.say("main", f"at 1 s locked()={machines.locked()}")
    tasks.append(asyncio.create_task(brew("late", machines, 1)))
    await asyncio.gather(*tasks)
    vt.say("main", f"done, locked()={machines.locked()}")


asyncio.run(main(), loop_factory=vt.VirtualLoop)
