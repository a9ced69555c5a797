# shield only protects the inner task from its caller: when the inner task itself is cancelled
# (with a message), the caller awaiting shield(inner) gets a CancelledError without the message
# although nobody cancelled the caller (cancelling() is 0), and can go on. shield of a task
# already done does not yield. Classes 2, API.
import asyncio

import vtloop as vt


async def pour(seconds):
    await asyncio.sleep(seconds)
    return f"poured {seconds}"


async def customer(inner):
    try:
        vt.say("customer", f"got {await asyncio.shield(inner)}")
    except asyncio.CancelledError as e:
        me = asyncio.current_task()
        vt.say("customer", f"shield raised {vt.err(e)}, cancelling()={me.cancelling()}")
    await asyncio.sleep(1)
    vt.say("customer", "still here")


async def main():
    inner = asyncio.create_task(pour(3), name="pour")
    c = asyncio.create_task(customer(inner), name="customer")
    await asyncio.sleep(1)
    inner.cancel("spilled")
    await c
    quick = asyncio.create_task(pour(0), name="quick")
    await asyncio.sleep(0.5)
    vt.say("main", f"quick done={quick.done()}")
    asyncio.get_running_loop().call_soon(vt.say, "soon", "ran")
    vt.say("main", f"shield(done) -> {await asyncio.shield(quick)} without yielding")
    await asyncio.sleep(0)
    vt.say("main", "after sleep(0)")


asyncio.run(main(), loop_factory=vt.VirtualLoop)
