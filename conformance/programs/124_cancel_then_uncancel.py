# cancel() followed by uncancel() before the task runs: a task that has not started yet (or is
# not waiting on anything) forgets the request and runs normally, but a sleeping task's sleep
# was already cancelled, so it still gets CancelledError (with cancelling() now 0). Class 2, 4.
import asyncio

import vtloop as vt


async def worker(name, seconds):
    try:
        await asyncio.sleep(seconds)
        vt.say(name, "slept normally")
    except asyncio.CancelledError:
        me = asyncio.current_task()
        vt.say(name, f"CancelledError, cancelling()={me.cancelling()}")
        raise


async def main():
    fresh = asyncio.create_task(worker("fresh", 1), name="fresh")
    vt.say("main", f"cancel -> {fresh.cancel()} then uncancel -> {fresh.uncancel()}")
    sleeper = asyncio.create_task(worker("sleeper", 1), name="sleeper")
    await asyncio.sleep(0)
    vt.say("main", f"cancel -> {sleeper.cancel()} then uncancel -> {sleeper.uncancel()}")
    await asyncio.gather(fresh, sleeper, return_exceptions=True)
    vt.say("main", f"fresh cancelled={fresh.cancelled()} sleeper cancelled={sleeper.cancelled()}")
    me = asyncio.current_task()
    me.cancel()
    me.cancel()
    vt.say("main", f"self: cancelling()={me.cancelling()} uncancel -> {me.uncancel()}")
    try:
        await asyncio.sleep(0)
        vt.say("main", "sleep(0) passed")
    except asyncio.CancelledError:
        vt.say("main", f"sleep(0) raised, uncancel -> {me.uncancel()}")
    await asyncio.sleep(0)
    vt.say("main", "second sleep(0) passed")


asyncio.run(main(), loop_factory=vt.VirtualLoop)
