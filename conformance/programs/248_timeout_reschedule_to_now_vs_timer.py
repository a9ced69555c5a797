# reschedule(when) with when <= loop.time() fires through call_soon, ahead of a timer already due
# at that instant; a when 1e-10 s later goes to the heap behind it. The body catches nothing, so
# the deadline's cancel lands on whatever it awaits then. Classes 6, 1, API.
import asyncio

import vtloop as vt


async def main():
    loop = asyncio.get_running_loop()
    for label, extra in (("now", 0.0), ("past", -1.0), ("hair", 1e-10)):
        await asyncio.sleep(1)
        loop.call_at(loop.time(), lambda: vt.say("timer", f"due now ({label})"))
        loop.call_soon(lambda: vt.say("soon", f"queued before ({label})"))
        try:
            async with asyncio.timeout(10) as cm:
                cm.reschedule(loop.time() + extra)
                vt.say("main", f"{label}: when={cm.when() - loop.time()}, expired={cm.expired()}")
                await asyncio.sleep(5)
        except TimeoutError:
            vt.say("main", f"{label}: TimeoutError, expired={cm.expired()}")


asyncio.run(main(), loop_factory=vt.VirtualLoop)
