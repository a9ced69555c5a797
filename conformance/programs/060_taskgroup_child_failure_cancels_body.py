# Class 10: a child's failure cancels the siblings AND the body of the task inside the group
# (the async with block), then the group raises an ExceptionGroup with the failure.
import asyncio

import vtloop as vt


async def child(name, delay, fail=False):
    try:
        await asyncio.sleep(delay)
    except asyncio.CancelledError:
        vt.say(name, "cancelled")
        raise
    if fail:
        vt.say(name, "fails")
        raise ValueError(f"{name} burnt the milk")
    vt.say(name, "finished")


async def main():
    try:
        async with asyncio.TaskGroup() as tg:
            tg.create_task(child("ok", 1))
            tg.create_task(child("bad", 2, fail=True))
            tg.create_task(child("slow", 5))
            try:
                await asyncio.sleep(10)
            except asyncio.CancelledError:
                vt.say("body", f"cancelled, cancelling()={asyncio.current_task().cancelling()}")
                raise
    except ExceptionGroup as eg:
        vt.say("main", vt.err(eg))
        for e in eg.exceptions:
            vt.say("main", f"  {vt.err(e)}")
    vt.say("main", f"cancelling()={asyncio.current_task().cancelling()}")


asyncio.run(main(), loop_factory=vt.VirtualLoop)
