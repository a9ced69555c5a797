# Class 2: cancel(msg) on the future gather() returns cancels its children with that message;
# a child that returns a value anyway does not stop the gather from ending cancelled.
import asyncio

import vtloop as vt


async def child(name, delay, keep=False):
    try:
        await asyncio.sleep(delay)
        return name
    except asyncio.CancelledError as e:
        vt.say(name, f"caught {vt.err(e)}")
        if keep:
            return f"{name}-kept"
        raise


async def main():
    g = asyncio.gather(child("x", 3), child("y", 3, keep=True), child("z", 0.5))
    await asyncio.sleep(1)
    vt.say("main", f"cancel -> {g.cancel('shop closed')}")
    try:
        await g
    except asyncio.CancelledError as e:
        vt.say("main", f"gather raised {vt.err(e)}")


asyncio.run(main(), loop_factory=vt.VirtualLoop)
