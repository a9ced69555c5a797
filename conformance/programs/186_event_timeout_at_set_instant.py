# Class 6: asyncio.timeout(1) around ev.wait() while set() runs from a timer at exactly 1 s,
# scheduled before or after the deadline: set() wakes the waiter only an iteration later, so both time out.
import asyncio

import vtloop as vt


async def guest(name, ev):
    try:
        async with asyncio.timeout(1):
            await ev.wait()
        vt.say(name, "served")
    except TimeoutError:
        vt.say(name, "timed out")


async def main():
    loop = asyncio.get_running_loop()
    early, late = asyncio.Event(), asyncio.Event()
    loop.call_later(1, early.set)
    a = asyncio.create_task(guest("a", early))
    b = asyncio.create_task(guest("b", late))
    await asyncio.sleep(0)
    loop.call_later(1, late.set)
    await asyncio.gather(a, b)
    vt.say("main", f"early={early.is_set()} late={late.is_set()}")


asyncio.run(main(), loop_factory=vt.VirtualLoop)
