# A child uncancel()s the group's abort and keeps working (one more sleep), so the group waits
# for it before raising its sibling's error, and the task's result is kept; the body's
# cancelling() is back to 0 when the group raises. (One child only is cancelled: a group cancels
# its children in set order.) Classes 10, 3.
import asyncio

import vtloop as vt


async def stubborn():
    for i in range(3):
        try:
            await asyncio.sleep(1)
            vt.say("stubborn", f"step {i}")
        except asyncio.CancelledError:
            vt.say("stubborn", f"cancelled at step {i}, uncancel -> {asyncio.current_task().uncancel()}")
    return "finished"


async def boom():
    await asyncio.sleep(1.5)
    raise KeyError("beans")


async def main():
    me = asyncio.current_task()
    try:
        async with asyncio.TaskGroup() as tg:
            s = tg.create_task(stubborn(), name="stubborn")
            tg.create_task(boom(), name="boom")
    except* KeyError as eg:
        vt.say("main", f"{vt.err(eg.exceptions[0])}, cancelling={me.cancelling()}")
    vt.say("main", f"stubborn -> {s.result()}")


asyncio.run(main(), loop_factory=vt.VirtualLoop)
