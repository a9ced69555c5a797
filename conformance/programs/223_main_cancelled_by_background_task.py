# A background task cancels main (a "supervisor" with a reference to it): main's finally awaits a
# cleanup; asyncio.run then cancels the supervisor, whose handler awaits too, and raises
# CancelledError itself.
import asyncio

import vtloop as vt


async def supervisor(main_task):
    await asyncio.sleep(0.2)
    main_task.cancel("supervisor says stop")
    vt.say("supervisor", "cancelled main")
    try:
        await asyncio.sleep(10)
    except asyncio.CancelledError:
        await asyncio.sleep(0.1)
        vt.say("supervisor", "cancelled by asyncio.run")
        raise


async def main():
    asyncio.create_task(supervisor(asyncio.current_task()))
    try:
        await asyncio.sleep(1)
    except asyncio.CancelledError as e:
        vt.say("main", f"cancelled: {vt.err(e)}")
        raise
    finally:
        await asyncio.sleep(0.1)
        vt.say("main", "finally done")


try:
    asyncio.run(main(), loop_factory=vt.VirtualLoop)
except asyncio.CancelledError as e:
    vt.say("after-run", f"asyncio.run raised {vt.err(e)}")
