# Class 1 and loop callbacks: call_soon goes to the ready queue, call_later(0) through the timer
# heap (moved to ready at the next iteration), sleep(0) yields exactly one iteration.
import asyncio

import vtloop as vt


async def yielder():
    vt.say("yielder", "before sleep(0)")
    await asyncio.sleep(0)
    vt.say("yielder", "after sleep(0)")
    await asyncio.sleep(0)
    vt.say("yielder", "after second sleep(0)")


async def main():
    loop = asyncio.get_running_loop()
    loop.call_later(0, vt.say, "later0", "ran")
    loop.call_soon(vt.say, "soon1", "ran")
    t = asyncio.create_task(yielder())
    loop.call_soon(vt.say, "soon2", "ran")
    loop.call_at(loop.time(), vt.say, "at-now", "ran")
    vt.say("main", "scheduled")
    await t
    vt.say("main", "done")


asyncio.run(main(), loop_factory=vt.VirtualLoop)
