# Class 10: a child cancelled on its own (not a failure) does not abort the group; the others go
# on and the group ends normally.
import asyncio

import vtloop as vt


async def brew(name, seconds):
    try:
        await asyncio.sleep(seconds)
        vt.say(name, "ready")
        return name
    except asyncio.CancelledError:
        vt.say(name, "order withdrawn")
        raise


async def main():
    async with asyncio.TaskGroup() as tg:
        a = tg.create_task(brew("latte", 2))
        b = tg.create_task(brew("tea", 1))
        await asyncio.sleep(0.5)
        a.cancel()
    vt.say("main", f"group ended: latte cancelled={a.cancelled()}, tea={b.result()}")


asyncio.run(main(), loop_factory=vt.VirtualLoop)
