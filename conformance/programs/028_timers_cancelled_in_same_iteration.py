# Class 1 and loop callbacks: a handle already in the ready queue (a due timer moved there, or a
# call_soon) that an earlier handle of the same iteration cancels is skipped, not run.
import asyncio

import vtloop as vt


async def main():
    loop = asyncio.get_running_loop()
    handles = {}

    def first():
        vt.say("first", "cancels second and soon-b")
        handles["second"].cancel()
        handles["soon-b"].cancel()

    loop.call_later(1, first)
    handles["second"] = loop.call_later(1, vt.say, "second", "ran")
    loop.call_later(1, vt.say, "third", "ran")
    await asyncio.sleep(1.5)
    loop.call_soon(lambda: handles["soon-b"].cancel() or vt.say("soon-a", "cancelled soon-b"))
    handles["soon-b"] = loop.call_soon(vt.say, "soon-b", "ran")
    loop.call_soon(vt.say, "soon-c", "ran")
    await asyncio.sleep(0)
    vt.say("main", f"second cancelled={handles['second'].cancelled()}")


asyncio.run(main(), loop_factory=vt.VirtualLoop)
