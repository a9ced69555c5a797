# asyncio.run's ending: when main returns, the task still pending is cancelled and awaited; it
# may catch CancelledError, print, even sleep, before the loop closes.
import asyncio

import vtloop as vt


async def cleaner():
    try:
        while True:
            await asyncio.sleep(1)
            vt.say("cleaner", "wiped a table")
    except asyncio.CancelledError:
        vt.say("cleaner", "closing: stacking chairs")
        await asyncio.sleep(0.5)
        vt.say("cleaner", "chairs stacked")
        raise


async def main():
    asyncio.create_task(cleaner())
    await asyncio.sleep(2.5)
    vt.say("main", "returns")
    return "closed"


result = asyncio.run(main(), loop_factory=vt.VirtualLoop)
vt.say("after-run", f"asyncio.run returned {result}")
