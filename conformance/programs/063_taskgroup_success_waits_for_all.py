# TaskGroup without failures: the block waits for every child, including ones created by other
# children while it waits; results come from the tasks.
import asyncio

import vtloop as vt


async def brew(name, seconds, tg=None):
    await asyncio.sleep(seconds)
    vt.say(name, "ready")
    if tg is not None:
        tg.create_task(brew(name + "-refill", 1))
    return name


async def main():
    async with asyncio.TaskGroup() as tg:
        a = tg.create_task(brew("latte", 2))
        b = tg.create_task(brew("tea", 1, tg))
        vt.say("main", "body ends")
    vt.say("main", f"group done: {a.result()}, {b.result()}")


asyncio.run(main(), loop_factory=vt.VirtualLoop)
