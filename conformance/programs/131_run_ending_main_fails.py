# main raises while other tasks are pending: asyncio.run still cancels them and lets them clean
# up (even sleep) before it raises main's error. A task that catches the cancellation and
# returns normally is fine too. Classes API, 3.
import asyncio

import vtloop as vt


async def cleaner(name, seconds, swallow):
    try:
        await asyncio.sleep(100)
    except asyncio.CancelledError:  # cancelled in set order: print only after distinct sleeps
        await asyncio.sleep(seconds)
        vt.say(name, f"cleaned up after {seconds}")
        if not swallow:
            raise
        return "swallowed"


async def main():
    asyncio.create_task(cleaner("mop", 1, False), name="mop")
    asyncio.create_task(cleaner("till", 0.5, True), name="till")
    await asyncio.sleep(1)
    vt.say("main", "raising")
    raise LookupError("no more cups")


try:
    asyncio.run(main(), loop_factory=vt.VirtualLoop)
except LookupError as e:
    vt.say("after-run", f"asyncio.run raised {vt.err(e)}")
