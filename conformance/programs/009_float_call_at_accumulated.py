# Class 12: call_at with deadlines added up in floating point. Ten steps of 0.1 make
# 0.9999999999999999, which is due before a call_at(1.0) scheduled first; both still fire in the
# iteration the clock reaches 0.9999999999999999 (within the 1e-9 resolution), in heap order.
import asyncio

import vtloop as vt


async def main():
    loop = asyncio.get_running_loop()
    loop.call_at(1.0, vt.say, "at-1.0", "fired")
    when = 0.0
    for _ in range(10):
        when += 0.1
    loop.call_at(when, vt.say, "at-sum", f"fired (when={when!r})")
    loop.call_at(1.0 + 1e-9, vt.say, "at-1.0+1e-9", "fired")
    loop.call_at(1.0 + 2e-9, vt.say, "at-1.0+2e-9", "fired")
    await asyncio.sleep(0.5)
    await asyncio.sleep(0.5)
    vt.say("main", f"woke at {vt.now()!r}")
    await asyncio.sleep(1)


asyncio.run(main(), loop_factory=vt.VirtualLoop)
