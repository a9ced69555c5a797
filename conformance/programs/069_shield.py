# shield: cancelling the task that awaits shield(inner) raises CancelledError in that task, but
# the inner task keeps running and finishes; a second awaiter of inner gets its value.
import asyncio

import vtloop as vt


async def pour():
    await asyncio.sleep(3)
    vt.say("pour", "done pouring")
    return "cup"


async def customer(inner):
    try:
        value = await asyncio.shield(inner)
        vt.say("customer", f"got {value}")
    except asyncio.CancelledError:
        vt.say("customer", f"cancelled, inner done={inner.done()}")
        raise


async def main():
    inner = asyncio.create_task(pour())
    c = asyncio.create_task(customer(inner))
    await asyncio.sleep(1)
    c.cancel()
    await asyncio.sleep(0)
    await asyncio.sleep(0)
    vt.say("main", f"customer cancelled={c.cancelled()} inner cancelled={inner.cancelled()}")
    vt.say("main", f"inner -> {await inner}")


asyncio.run(main(), loop_factory=vt.VirtualLoop)
