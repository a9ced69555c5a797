# Class 2: cancelling a sleeping task cancels its timer and schedules its wake-up with call_soon;
# a second task whose timer falls due at that very instant, and a callback, interleave with it.
import asyncio

import vtloop as vt


async def sleeper(name, delay):
    try:
        await asyncio.sleep(delay)
        vt.say(name, "woke normally")
    except asyncio.CancelledError:
        vt.say(name, "woke cancelled")


async def main():
    loop = asyncio.get_running_loop()
    a = asyncio.create_task(sleeper("a", 5))
    b = asyncio.create_task(sleeper("b", 2))
    loop.call_later(2, vt.say, "timer", "2 s callback")
    loop.call_later(2, a.cancel)
    await asyncio.sleep(2)
    vt.say("main", "woke at 2")
    await asyncio.gather(a, b)
    vt.say("main", "done")


asyncio.run(main(), loop_factory=vt.VirtualLoop)
