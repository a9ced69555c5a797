# Class 2 with Event: set() completes the waiters' futures, then one waiter is cancelled in the
# same step; its future is already done, so the cancel is kept for its next step: it gets
# CancelledError, the other waiter gets True.
import asyncio

import vtloop as vt


async def guest(name, ev):
    try:
        vt.say(name, f"wait() -> {await ev.wait()}")
    except asyncio.CancelledError:
        vt.say(name, f"CancelledError, is_set={ev.is_set()}")


async def main():
    ev = asyncio.Event()
    a = asyncio.create_task(guest("ann", ev))
    b = asyncio.create_task(guest("bob", ev))
    await asyncio.sleep(1)
    ev.set()
    vt.say("main", f"set, then cancel ann -> {a.cancel()}")
    await asyncio.gather(a, b)


asyncio.run(main(), loop_factory=vt.VirtualLoop)
