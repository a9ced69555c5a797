# Class 6 with shield: wait_for(shield(task), t) times out, but the shielded task runs on and
# can be awaited later for its value.
import asyncio

import vtloop as vt


async def roast():
    await asyncio.sleep(3)
    vt.say("roast", "beans roasted")
    return "dark roast"


async def main():
    task = asyncio.create_task(roast())
    try:
        await asyncio.wait_for(asyncio.shield(task), 1)
    except TimeoutError:
        vt.say("main", f"gave up waiting, roast cancelled={task.cancelled()}")
    vt.say("main", f"later: {await task}")


asyncio.run(main(), loop_factory=vt.VirtualLoop)
