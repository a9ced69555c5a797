# Class 12: sleeps whose float sums land within 1e-9 of each other fire in one iteration, in
# heap order: 0.1+0.2, 0.2+0.1, 0.3; three 1/3 against 1.0; ten 0.1 (0.9999999999999999).
import asyncio

import vtloop as vt


async def sleeper(name, steps):
    for s in steps:
        await asyncio.sleep(s)
    vt.say(name, f"woke at {vt.now()!r}")


async def main():
    await asyncio.gather(
        sleeper("0.1+0.2", [0.1, 0.2]),
        sleeper("0.2+0.1", [0.2, 0.1]),
        sleeper("0.3", [0.3]),
        sleeper("thirds", [1 / 3] * 3),
        sleeper("ten-tenths", [0.1] * 10),
        sleeper("one", [1.0]),
        sleeper("0.7+0.3", [0.7, 0.3]),
    )
    vt.say("main", f"now {vt.now()!r}")


asyncio.run(main(), loop_factory=vt.VirtualLoop)
