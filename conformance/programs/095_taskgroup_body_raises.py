# Class 10: the body of the async with raises: children are cancelled, awaited, and the body's
# error comes out inside the ExceptionGroup; create_task on a finished group is a RuntimeError.
import asyncio

import vtloop as vt


async def child(name, seconds):
    try:
        await asyncio.sleep(seconds)
        vt.say(name, "finished")
    except asyncio.CancelledError:
        vt.say(name, "cancelled")
        raise


async def main():
    tg = asyncio.TaskGroup()
    try:
        async with tg:
            tg.create_task(child("quick", 0.5))
            tg.create_task(child("long", 3))
            await asyncio.sleep(1)
            raise ZeroDivisionError("bad recipe")
    except* ZeroDivisionError as eg:
        vt.say("main", f"{len(eg.exceptions)} error: {vt.err(eg.exceptions[0])}")
    coro = child("late", 1)
    try:
        tg.create_task(coro)
    except RuntimeError as e:
        vt.say("main", f"create_task on a finished group: {type(e).__name__}")
        coro.close()


asyncio.run(main(), loop_factory=vt.VirtualLoop)
