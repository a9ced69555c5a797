# Event: set() wakes every waiter (in the order they waited); clear() does not un-wake them; a
# wait() on a set event returns without suspending.
import asyncio

import vtloop as vt


async def guest(name, opened):
    vt.say(name, "waiting for the doors")
    await opened.wait()
    vt.say(name, f"in (is_set={opened.is_set()})")


async def main():
    opened = asyncio.Event()
    tasks = [asyncio.create_task(guest(n, opened)) for n in ("ann", "bob", "cy")]
    await asyncio.sleep(2)
    opened.set()
    opened.clear()
    vt.say("main", "set and cleared")
    await asyncio.gather(*tasks)
    opened.set()
    await opened.wait()
    vt.say("main", "wait on a set event returned at once")


asyncio.run(main(), loop_factory=vt.VirtualLoop)
