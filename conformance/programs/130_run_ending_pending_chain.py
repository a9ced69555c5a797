# asyncio.run's ending with a chain of pending tasks: "waiter" awaits "brewer", both pending
# when main returns. Both are cancelled: brewer gets two requests (one from the ending, one
# passed on by waiter's await), cleans up, and waiter resumes only once brewer has ended. A
# task created in main's last step still gets its first step: it was queued before main's end
# stopped the loop. Classes 2, API.
import asyncio

import vtloop as vt


async def brewer():
    try:
        await asyncio.sleep(100)
    except asyncio.CancelledError:
        me = asyncio.current_task()
        vt.say("brewer", f"cancelled, cancelling()={me.cancelling()}")
        await asyncio.sleep(1)
        vt.say("brewer", "machine off")
        raise


async def waiter(b):
    try:
        await b
    except asyncio.CancelledError:
        vt.say("waiter", f"cancelled, brewer done={b.done()}")
        raise


async def never():
    vt.say("never", "body ran")


async def main():
    b = asyncio.create_task(brewer(), name="brewer")
    asyncio.create_task(waiter(b), name="waiter")
    await asyncio.sleep(2)
    asyncio.create_task(never(), name="never")
    vt.say("main", "returns")


asyncio.run(main(), loop_factory=vt.VirtualLoop)
vt.say("after-run", "closed")
