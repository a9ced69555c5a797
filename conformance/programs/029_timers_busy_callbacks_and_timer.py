# Class 1: one loop iteration runs only the handles that were ready when it began; a callback
# that re-schedules itself with call_soon runs once per iteration, and a due timer joins the
# ready queue at the start of the next iteration, behind what is already there.
import asyncio

import vtloop as vt


def busy(loop, n):
    vt.say("busy", f"round {n}")
    if n < 4:
        loop.call_soon(busy, loop, n + 1)


async def main():
    loop = asyncio.get_running_loop()
    loop.call_later(0, vt.say, "later0", "ran")
    loop.call_soon(busy, loop, 1)
    loop.call_later(1e-10, vt.say, "later-1e-10", "ran")
    await asyncio.sleep(0)
    vt.say("main", "after sleep(0)")
    await asyncio.sleep(0)
    vt.say("main", "after second sleep(0)")
    await asyncio.sleep(0.001)
    vt.say("main", "done")


asyncio.run(main(), loop_factory=vt.VirtualLoop)
