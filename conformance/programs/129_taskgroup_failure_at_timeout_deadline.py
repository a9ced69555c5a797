# timeout() around a TaskGroup: a child fails at 0.9, the group cancels the body and the other
# child, which cleans up past the deadline at 1.0; the deadline cancels the task again
# (cancelling() reaches 2). The group keeps the count stable, its ExceptionGroup goes through
# the timeout unchanged (it is no CancelledError), and the count ends at 0. Classes 10, 6.
import asyncio

import vtloop as vt


async def brew(name, seconds, fail=False):
    try:
        await asyncio.sleep(seconds)
    except asyncio.CancelledError:
        vt.say(name, f"cancelled, cancelling()={parent.cancelling()}")
        await asyncio.sleep(0.5)
        vt.say(name, f"cleaned up, cancelling()={parent.cancelling()}")
        raise
    if fail:
        raise ValueError(f"{name} failed")


async def group(label, fail_at):
    try:
        async with asyncio.timeout(1) as cm:
            async with asyncio.TaskGroup() as g:
                g.create_task(brew(f"{label}-slow", 5))
                if fail_at is not None:  # (children cancelled together print in set order)
                    g.create_task(brew(f"{label}-bad", fail_at, fail=True))
                await asyncio.sleep(10)
    except* ValueError as eg:
        vt.say(label, f"{[vt.err(e) for e in eg.exceptions]} expired={cm.expired()}")
    except* TimeoutError:
        vt.say(label, f"TimeoutError, cancelling()={parent.cancelling()}")
    vt.say(label, f"cancelling()={parent.cancelling()}")


async def main():
    global parent
    parent = asyncio.current_task()
    await group("fails", 0.9)
    await group("deadline", None)


asyncio.run(main(), loop_factory=vt.VirtualLoop)
