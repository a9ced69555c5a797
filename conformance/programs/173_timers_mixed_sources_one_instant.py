# Class 1: seven timers due at t=2 from sleeps, call_later and call_at, scheduled at different
# moments; one callback cancels a timer of the same instant that the heap puts after it.
import asyncio

import vtloop as vt


async def sleeper(name, delay, pause):
    await asyncio.sleep(pause)
    await asyncio.sleep(delay)
    vt.say(name, "woke")


async def main():
    loop = asyncio.get_running_loop()
    handles = {}

    def cb(name, victim=None):
        vt.say(name, "fired")
        if victim:
            handles[victim].cancel()
            vt.say(name, f"cancelled {victim}")

    tasks = [asyncio.create_task(sleeper("s-early", 2, 0))]
    handles["later-1"] = loop.call_later(2, cb, "later-1", "at-2")
    await asyncio.sleep(0.5)
    tasks.append(asyncio.create_task(sleeper("s-mid", 1, 0.5)))
    handles["at-2"] = loop.call_at(2.0, cb, "at-2")
    await asyncio.sleep(0.5)
    handles["later-2"] = loop.call_later(1, cb, "later-2", "later-1")
    tasks.append(asyncio.create_task(sleeper("s-late", 1, 0)))
    handles["at-2b"] = loop.call_at(2.0, cb, "at-2b")
    await asyncio.gather(*tasks)
    await asyncio.sleep(0)
    vt.say("main", f"cancelled: {sorted(n for n, h in handles.items() if h.cancelled())}")


asyncio.run(main(), loop_factory=vt.VirtualLoop)
