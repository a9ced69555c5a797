# A done-callback of task A cancels task B, which awaits A too. If B's wake-up was registered
# after the callback, B is cancelled with A's result already in hand (the request waits as
# _must_cancel, so B gets CancelledError instead of the result); if before, B has already moved
# on and the cancel hits its next await. Classes 5, 2, 4.
import asyncio

import vtloop as vt


async def brew():
    await asyncio.sleep(1)
    return "espresso"


async def waiter(name, a):
    try:
        vt.say(name, f"got {await a}")
        await asyncio.sleep(1)
        vt.say(name, "slept after")
    except asyncio.CancelledError:
        vt.say(name, "CancelledError")
        raise


async def main():
    a = asyncio.create_task(brew(), name="a")
    a.add_done_callback(lambda f: vt.say("callback", f"cancel late -> {late.cancel()}"))
    late = asyncio.create_task(waiter("late", a), name="late")
    early = asyncio.create_task(waiter("early", a), name="early")
    await asyncio.sleep(0)
    a.add_done_callback(lambda f: vt.say("callback", f"cancel early -> {early.cancel()}"))
    results = await asyncio.gather(late, early, return_exceptions=True)
    vt.say("main", f"late: {vt.err(results[0])}, early: {vt.err(results[1])}")


asyncio.run(main(), loop_factory=vt.VirtualLoop)
