# A task cancels itself with a message and then awaits another task: the await suspends, so the
# pending request (_must_cancel) cancels the awaited task at once, passing the message on; the
# awaiting task resumes when that task has ended. If the awaited task catches it and returns a
# value, the request was spent on it: the awaiter gets the value and is not cancelled at all
# (cancelling() stays 1). Classes 4, 2, 3.
import asyncio

import vtloop as vt


async def brew(name, stubborn):
    try:
        await asyncio.sleep(5)
        return "coffee"
    except asyncio.CancelledError as e:
        vt.say(name, f"got {vt.err(e)}")
        if stubborn:
            await asyncio.sleep(1)
            return "coffee anyway"
        raise


async def quitter(name, stubborn):
    b = asyncio.create_task(brew(f"{name}-brew", stubborn), name=f"{name}-brew")
    await asyncio.sleep(1)
    asyncio.current_task().cancel("quitting")
    try:
        vt.say(name, f"await brew -> {await b}")
        await asyncio.sleep(0)
        vt.say(name, f"sleep(0) passed, cancelling()={asyncio.current_task().cancelling()}")
    except asyncio.CancelledError as e:
        vt.say(name, f"{vt.err(e)}; brew cancelled={b.cancelled()}")
        raise


async def main():
    for name, stubborn in (("plain", False), ("stubborn", True)):
        q = asyncio.create_task(quitter(name, stubborn), name=name)
        await asyncio.gather(q, return_exceptions=True)
        vt.say("main", f"{name} cancelled={q.cancelled()}")


asyncio.run(main(), loop_factory=vt.VirtualLoop)
