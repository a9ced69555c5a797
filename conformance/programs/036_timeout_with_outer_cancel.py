# Class 6: timeout() only turns its own cancellation into TimeoutError. If the task is also
# cancelled from outside at the same instant, CancelledError comes out, not TimeoutError.
import asyncio

import vtloop as vt


async def guarded(name):
    try:
        async with asyncio.timeout(2):
            await asyncio.sleep(5)
    except TimeoutError:
        vt.say(name, "TimeoutError")
    except asyncio.CancelledError:
        vt.say(name, f"CancelledError, cancelling()={asyncio.current_task().cancelling()}")
        raise


async def main():
    loop = asyncio.get_running_loop()
    alone = asyncio.create_task(guarded("alone"))
    both = asyncio.create_task(guarded("both"))
    loop.call_later(2, both.cancel)
    results = await asyncio.gather(alone, both, return_exceptions=True)
    vt.say("main", " ".join("cancelled" if isinstance(r, BaseException) else "ok" for r in results))


asyncio.run(main(), loop_factory=vt.VirtualLoop)
