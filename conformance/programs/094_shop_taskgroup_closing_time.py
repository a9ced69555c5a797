# Coffee shop closing: baristas run in a TaskGroup; at closing time a timeout cancels the body
# and the children; each barista finishes the cup it is pouring (shielded), then leaves.
# (TaskGroup cancels its children in set order, i.e. by identity: they print after distinct waits.)
import asyncio

import vtloop as vt


async def pour(me, cup):
    await asyncio.sleep(1.5)
    vt.say(me, f"poured cup {cup}")


async def barista(me):
    cup = 0
    try:
        while True:
            cup += 1
            cup_task = asyncio.create_task(pour(me, cup))
            await asyncio.shield(cup_task)
    except asyncio.CancelledError:
        await cup_task
        vt.say(me, f"stopped after cup {cup}")
        raise


async def main():
    try:
        async with asyncio.timeout(4):
            async with asyncio.TaskGroup() as tg:
                tg.create_task(barista("kim"))
                await asyncio.sleep(1.25)
                tg.create_task(barista("lee"))
    except TimeoutError:
        vt.say("main", "closing time")
    vt.say("main", "lights off")


asyncio.run(main(), loop_factory=vt.VirtualLoop)
