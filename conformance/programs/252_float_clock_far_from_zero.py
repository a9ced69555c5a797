# Far from zero the float clock is coarse: at 1e7 s one ulp is 1.86e-9 s, so sleep(5e-10) is due
# at once (the clock does not move), call_later(1e-9) lands one ulp later, past the 1e-9
# resolution window, and moves the clock by an ulp; three sleep(0.1) drift. Class 12, 1.
import asyncio

import vtloop as vt


async def tiny(name, d):
    await asyncio.sleep(d)
    vt.say(name, f"t={vt.now()}")


async def main():
    loop = asyncio.get_running_loop()
    await asyncio.sleep(1e7)
    vt.say("main", f"t={vt.now()}")
    loop.call_later(3e-9, lambda: vt.say("later-3e-9", f"t={vt.now()}"))
    loop.call_later(1e-9, lambda: vt.say("later-1e-9", f"t={vt.now()}"))
    await asyncio.gather(asyncio.create_task(tiny("sleep-5e-10", 5e-10), name="s1"),
                         asyncio.create_task(tiny("sleep-2e-8", 2e-8), name="s2"))
    for _ in range(3):
        await asyncio.sleep(0.1)
    vt.say("main", f"three sleep(0.1): t={vt.now()}")
    start = loop.time()
    await asyncio.sleep(0.3)
    vt.say("main", f"one sleep(0.3): +{loop.time() - start}")


asyncio.run(main(), loop_factory=vt.VirtualLoop)
