# A task cancelled with a message ends holding the CancelledError it raised: the first to read
# it (the first awaiter, in callback order) gets that error with its message; every later read
# gets a fresh CancelledError without one (the task's own message was reset when it ended).
# A plain future cancelled with a message keeps it for every reader. Classes 2, 5, API.
import asyncio

import vtloop as vt


async def brew():
    await asyncio.sleep(10)


async def waiter(name, aw):
    try:
        await aw
    except asyncio.CancelledError as e:
        vt.say(name, f"got {vt.err(e)}")


async def main():
    b = asyncio.create_task(brew(), name="brew")
    w1 = asyncio.create_task(waiter("w1", b), name="w1")
    w2 = asyncio.create_task(waiter("w2", b), name="w2")
    fut = asyncio.get_running_loop().create_future()
    f1 = asyncio.create_task(waiter("f1", fut), name="f1")
    f2 = asyncio.create_task(waiter("f2", fut), name="f2")
    await asyncio.sleep(1)
    b.cancel("closing time")
    fut.cancel("no beans")
    await asyncio.gather(w1, w2, f1, f2)
    try:
        await b
    except asyncio.CancelledError as e:
        vt.say("main", f"await brew again: {vt.err(e)}")
    try:
        await fut
    except asyncio.CancelledError as e:
        vt.say("main", f"await fut again: {vt.err(e)}")


asyncio.run(main(), loop_factory=vt.VirtualLoop)
