# Class 2: cancelling a task that awaits gather() cancels the gather future, which cancels every
# child; the children see CancelledError first, the caller after the gather completes.
import asyncio

import vtloop as vt


async def child(name, delay):
    try:
        await asyncio.sleep(delay)
        vt.say(name, "finished")
    except asyncio.CancelledError:
        vt.say(name, "cancelled")
        raise


async def caller():
    try:
        await asyncio.gather(child("c1", 5), child("c2", 3), child("c3", 4))
    except asyncio.CancelledError:
        vt.say("caller", "cancelled")
        raise


async def main():
    t = asyncio.create_task(caller())
    await asyncio.sleep(1)
    vt.say("main", "cancel caller")
    t.cancel()
    try:
        await t
    except asyncio.CancelledError:
        vt.say("main", f"caller cancelled={t.cancelled()}")


asyncio.run(main(), loop_factory=vt.VirtualLoop)
