# Class 12: float deadlines. Three sleep(0.1) in a row end at 0.30000000000000004, a sleep(0.3)
# at 0.3: both fire in the same loop iteration (within the 1e-9 clock resolution), 0.3 first.
import asyncio

import vtloop as vt


async def steps():
    for _ in range(3):
        await asyncio.sleep(0.1)
        vt.say("steps", f"t={vt.now()!r}")


async def once():
    await asyncio.sleep(0.3)
    vt.say("once", f"t={vt.now()!r}")


async def main():
    a = asyncio.create_task(steps())
    b = asyncio.create_task(once())
    await asyncio.gather(a, b)
    vt.say("main", f"t={vt.now()!r}")


asyncio.run(main(), loop_factory=vt.VirtualLoop)
