# Class 5: cancelling a future runs its done-callbacks (and wakes its awaiters) in registration
# order, each one a handle of its own; the message reaches the awaiter.
import asyncio

import vtloop as vt


async def awaiter(name, fut):
    try:
        await fut
    except asyncio.CancelledError as e:
        vt.say(name, f"got {vt.err(e)}")


async def main():
    loop = asyncio.get_running_loop()
    fut = loop.create_future()
    fut.add_done_callback(lambda f: vt.say("cb1", f"cancelled={f.cancelled()}"))
    w = asyncio.create_task(awaiter("w", fut))
    await asyncio.sleep(0)
    fut.add_done_callback(lambda f: vt.say("cb2", f"cancelled={f.cancelled()}"))
    vt.say("main", f"cancel -> {fut.cancel('no beans')}")
    vt.say("main", f"cancel again -> {fut.cancel()}")
    await w
    vt.say("main", f"done={fut.done()}")


asyncio.run(main(), loop_factory=vt.VirtualLoop)
