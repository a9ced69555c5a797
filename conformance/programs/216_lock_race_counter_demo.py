# The race-condition lesson: five tasks do `v = counter; await sleep(0); counter = v + 1` three
# times; without a Lock updates are lost, with a Lock (and with a Lock held across a real sleep of
# 0.1 that all tasks reach at the same instant) they are not.
import asyncio

import vtloop as vt

counter = 0


async def bump(name, lock, pause):
    global counter
    for _ in range(3):
        if lock is None:
            v = counter
            await asyncio.sleep(pause)
            counter = v + 1
        else:
            async with lock:
                v = counter
                await asyncio.sleep(pause)
                counter = v + 1
    vt.say(name, f"done, counter={counter}")


async def main():
    global counter
    for label, lock, pause in (("no lock", None, 0), ("lock", asyncio.Lock(), 0), ("lock 0.1", asyncio.Lock(), 0.1)):
        counter = 0
        await asyncio.gather(*(bump(f"{label}/{i}", lock, pause) for i in range(3)))
        vt.say("main", f"{label}: counter={counter} (want 9)")


asyncio.run(main(), loop_factory=vt.VirtualLoop)
