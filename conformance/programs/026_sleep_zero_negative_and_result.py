# sleep(0) and negative sleeps yield exactly one iteration (no timer); sleep(d, result) returns
# result; tasks taking turns with sleep(0) interleave strictly.
import asyncio

import vtloop as vt


async def turn(name, n, delay):
    for i in range(n):
        await asyncio.sleep(delay)
        vt.say(name, f"turn {i}")


async def main():
    value = await asyncio.sleep(0.25, result="cookie")
    vt.say("main", f"sleep returned {value}")
    await asyncio.gather(turn("zero", 3, 0), turn("negative", 3, -5), turn("tiny", 2, 1e-12))
    vt.say("main", f"t={vt.now()!r}")


asyncio.run(main(), loop_factory=vt.VirtualLoop)
