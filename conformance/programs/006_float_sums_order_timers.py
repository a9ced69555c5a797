# Class 12: deadlines computed in floating point. 0.7 + 0.1 is 0.7999999999999999, earlier than
# a plain 0.8; 0.1 + 0.2 is 0.30000000000000004, later than 0.3. Started in the "wrong" order.
import asyncio

import vtloop as vt


async def chain(name, first, second):
    await asyncio.sleep(first)
    await asyncio.sleep(second)
    vt.say(name, f"woke at {vt.now()!r}")


async def single(name, delay):
    await asyncio.sleep(delay)
    vt.say(name, f"woke at {vt.now()!r}")


async def main():
    await asyncio.gather(
        single("plain-0.8", 0.8),
        chain("0.7+0.1", 0.7, 0.1),
        chain("0.1+0.2", 0.1, 0.2),
        single("plain-0.3", 0.3),
        chain("0.2+0.1", 0.2, 0.1),
    )
    vt.say("main", "done")


asyncio.run(main(), loop_factory=vt.VirtualLoop)
