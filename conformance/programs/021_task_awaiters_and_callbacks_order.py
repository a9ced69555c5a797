# Class 5: a task's awaiters and done-callbacks are all done-callbacks of the task, woken in the
# order they registered; each awaiting task then runs its next step.
import asyncio

import vtloop as vt


async def brew():
    await asyncio.sleep(1)
    vt.say("brew", "done")
    return "mocha"


async def awaiter(name, t):
    vt.say(name, "waiting")
    value = await t
    vt.say(name, f"got {value}")


async def main():
    t = asyncio.create_task(brew())
    a = asyncio.create_task(awaiter("a", t))
    t.add_done_callback(lambda f: vt.say("cb-x", f"result {f.result()}"))
    b = asyncio.create_task(awaiter("b", t))
    await asyncio.sleep(0)
    t.add_done_callback(lambda f: vt.say("cb-y", f"result {f.result()}"))
    c = asyncio.create_task(awaiter("c", t))
    await asyncio.gather(a, b, c)
    vt.say("main", "done")


asyncio.run(main(), loop_factory=vt.VirtualLoop)
