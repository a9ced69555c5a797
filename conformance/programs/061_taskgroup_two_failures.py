# Class 10: two children fail in the same iteration; both errors are in the ExceptionGroup, in
# the order the children failed. A child that catches the cancellation still finishes.
import asyncio

import vtloop as vt


async def fail(name, delay):
    await asyncio.sleep(delay)
    raise RuntimeError(f"{name} failed")


async def careful():
    try:
        await asyncio.sleep(5)
    except asyncio.CancelledError:
        vt.say("careful", "cancelled, cleaning up for 1 s")
        await asyncio.sleep(1)
        vt.say("careful", "clean")
        raise


async def main():
    try:
        async with asyncio.TaskGroup() as tg:
            tg.create_task(fail("a", 1))
            tg.create_task(fail("b", 1))
            tg.create_task(careful())
            vt.say("main", "body done, waiting for children")
    except* RuntimeError as eg:
        vt.say("main", f"{len(eg.exceptions)} errors: " + "; ".join(str(e) for e in eg.exceptions))


asyncio.run(main(), loop_factory=vt.VirtualLoop)
