# Class 2: Task.cancel() cancels the future the task is parked on at once. Two tasks await the
# same future; cancelling one cancels the shared future, so the other gets CancelledError too.
import asyncio

import vtloop as vt


async def waiter(name, fut):
    try:
        value = await fut
        vt.say(name, f"got {value}")
    except asyncio.CancelledError:
        vt.say(name, "CancelledError")
        raise


async def main():
    loop = asyncio.get_running_loop()
    fut = loop.create_future()
    w1 = asyncio.create_task(waiter("w1", fut))
    w2 = asyncio.create_task(waiter("w2", fut))
    await asyncio.sleep(1)
    vt.say("main", "cancel w1")
    w1.cancel()
    vt.say("main", f"future cancelled: {fut.cancelled()}")
    await asyncio.sleep(0)
    vt.say("main", f"w1 done={w1.done()} w2 done={w2.done()}")
    await asyncio.sleep(0)
    vt.say("main", f"w1 cancelled={w1.cancelled()} w2 cancelled={w2.cancelled()}")


asyncio.run(main(), loop_factory=vt.VirtualLoop)
