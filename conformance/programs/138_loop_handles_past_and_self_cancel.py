# Loop callbacks at awkward moments: call_at a time already past comes out of the heap before a
# timer due now (the heap orders by deadline) but after handles already ready; a handle that
# cancels itself while running changes nothing; cancel() after a handle ran still marks it
# cancelled; a call_later from a timer callback with delay 0 runs in the next iteration, after
# the other timers due at that instant. Classes 1, API.
import asyncio

import vtloop as vt


async def main():
    loop = asyncio.get_running_loop()
    await asyncio.sleep(1)
    handles = {}

    def say(name):
        vt.say(name, f"ran, cancelled()={handles[name].cancelled()}")
        handles[name].cancel()
        if name == "due-now":
            handles["from-timer"] = loop.call_later(0, say, "from-timer")

    handles["due-now"] = loop.call_at(loop.time(), say, "due-now")
    handles["past"] = loop.call_at(loop.time() - 0.5, say, "past")
    handles["soon"] = loop.call_soon(say, "soon")
    handles["also-now"] = loop.call_later(0, say, "also-now")
    await asyncio.sleep(0)
    vt.say("main", "after one sleep(0)")
    await asyncio.sleep(0.001)
    for name, h in sorted(handles.items()):
        vt.say("main", f"{name}: cancelled()={h.cancelled()}")


asyncio.run(main(), loop_factory=vt.VirtualLoop)
