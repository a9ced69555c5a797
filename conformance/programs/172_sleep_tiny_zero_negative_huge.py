# Class 12: sleep(0) and negative sleeps yield once; 1e-10 and 5e-10 are timers within the clock
# resolution; 1.5e-9 is not; the millisecond stamp rounds 0.0004 and 0.0005; a 2.5-day sleep.
import asyncio

import vtloop as vt


async def sleeper(name, seconds):
    await asyncio.sleep(seconds)
    vt.say(name, f"woke at {vt.now()!r}")


async def main():
    loop = asyncio.get_running_loop()
    loop.call_soon(vt.say, "soon", "call_soon ran")
    await asyncio.gather(sleeper("1.5e-9", 1.5e-9), sleeper("1e-10", 1e-10), sleeper("zero", 0),
                         sleeper("minus", -5), sleeper("5e-10", 5e-10))
    await asyncio.gather(sleeper("0.0004", 0.0004), sleeper("0.0005", 0.0005 - vt.now()))
    await sleeper("2.5 days", 2.5 * 86400)
    await sleeper("hour+", 3600.0004)


asyncio.run(main(), loop_factory=vt.VirtualLoop)
