# The body of a TaskGroup catches the cancel a failing child sends and keeps awaiting (sleep,
# then a sibling); the group still raises the ExceptionGroup at the end, and the body raising
# CancelledError by itself while children run is propagated after they finish. Class 10, 3.
import asyncio

import vtloop as vt


async def job(name, d, fail=False):
    try:
        await asyncio.sleep(d)
    except asyncio.CancelledError:
        vt.say(name, "cancelled")
        raise
    if fail:
        raise ValueError(name)
    vt.say(name, "done")


async def main():
    me = asyncio.current_task()
    try:
        async with asyncio.TaskGroup() as tg:
            tg.create_task(job("bad", 1, fail=True), name="bad")
            slow = tg.create_task(job("slow", 3), name="slow")
            try:
                await asyncio.sleep(2)
            except asyncio.CancelledError:
                vt.say("body", f"swallowed, cancelling={me.cancelling()}")
            await asyncio.sleep(0.5)
            vt.say("body", f"slept on, slow cancelled={slow.cancelled()}")
    except ExceptionGroup as eg:
        vt.say("main", f"{vt.err(eg)}: {vt.err(eg.exceptions[0])}, cancelling={me.cancelling()}")
    try:
        async with asyncio.TaskGroup() as tg:
            tg.create_task(job("kid", 1), name="kid")
            raise asyncio.CancelledError("body gives up")
    except asyncio.CancelledError as e:
        vt.say("main", f"{vt.err(e)}, cancelling={me.cancelling()}")


asyncio.run(main(), loop_factory=vt.VirtualLoop)
