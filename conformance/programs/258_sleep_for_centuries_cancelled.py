# Sleeps and deadlines centuries away (1e10 s, 1e12 s) never fire: a background task parked for
# 1e12 s is cancelled at 1 s, timeout(1e10) around a short sleep exits normally, and
# wait_for(event.wait(), 1e11) ends when the event is set. Classes 12, 6.
import asyncio

import vtloop as vt


async def forever():
    try:
        await asyncio.sleep(1e12)
    except asyncio.CancelledError:
        vt.say("forever", f"cancelled at {vt.now()}")
        raise


async def main():
    loop = asyncio.get_running_loop()
    t = asyncio.create_task(forever(), name="forever")
    async with asyncio.timeout(1e10) as cm:
        await asyncio.sleep(1)
        vt.say("main", f"deadline at {cm.when()}")
    t.cancel()
    ev = asyncio.Event()
    loop.call_later(2, ev.set)
    await asyncio.wait_for(ev.wait(), 1e11)
    vt.say("main", f"event set, forever cancelled={t.cancelled()}")


asyncio.run(main(), loop_factory=vt.VirtualLoop)
