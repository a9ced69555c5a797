# Class 8: async with barrier gives the same index as wait(); a barrier of 1 never waits.
import asyncio

import vtloop as vt


async def runner(name, barrier, delay):
    await asyncio.sleep(delay)
    async with barrier as index:
        vt.say(name, f"through with index {index}")


async def main():
    solo = asyncio.Barrier(1)
    for _ in range(2):
        vt.say("main", f"solo index {await solo.wait()}")
    pair = asyncio.Barrier(2)
    await asyncio.gather(runner("x", pair, 2), runner("y", pair, 1), runner("z", pair, 3), runner("w", pair, 3))


asyncio.run(main(), loop_factory=vt.VirtualLoop)
