# A learner's pattern: a Semaphore(2) limits how many tasks use to_thread at once on a pool of
# 4 workers; tasks queue on the semaphore in order and each releases as its job ends.
import asyncio

import vtloop as vt


async def grind(name, sem, seconds):
    async with sem:
        vt.say(name, "grinding")
        await asyncio.to_thread(vt.job(seconds))
    vt.say(name, "ground")


async def main():
    sem = asyncio.Semaphore(2)
    await asyncio.gather(*(grind(f"g{i}", sem, s) for i, s in enumerate([1, 0.5, 0.5, 1, 0.25])))
    vt.say("main", f"locked={sem.locked()}")


asyncio.run(main(), loop_factory=vt.VirtualLoop)
