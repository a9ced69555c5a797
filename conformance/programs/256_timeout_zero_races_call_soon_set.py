# async with timeout(0): its deadline fires through call_soon. An Event set by a call_soon queued
# before the block wakes the waiter first, yet the deadline's cancel lands on the woken task:
# TimeoutError; an Event already set passes without yielding; a set queued after the deadline
# loses too. Classes 6, 5.
import asyncio

import vtloop as vt


async def attempt(label, how):
    loop = asyncio.get_running_loop()
    ev = asyncio.Event()
    if how == "set":
        ev.set()
    if how == "soon-before":
        loop.call_soon(ev.set)
    try:
        async with asyncio.timeout(0):
            if how == "soon-after":
                loop.call_soon(ev.set)
            await ev.wait()
            vt.say(label, "event seen")
    except TimeoutError:
        vt.say(label, f"TimeoutError, event is_set={ev.is_set()}")


async def main():
    for how in ("set", "soon-before", "soon-after"):
        await attempt(how, how)
        await asyncio.sleep(1)


asyncio.run(main(), loop_factory=vt.VirtualLoop)
