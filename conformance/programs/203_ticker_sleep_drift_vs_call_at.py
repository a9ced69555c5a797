# Periodic tickers: one sleeps 0.1 in a loop (the float drifts), one reschedules itself with
# call_at(start + n * 0.1), one with call_later(0.1) from its own callback; an Event set at 0.5
# stops them. Ticks of the three collide, or miss each other by the last bit.
import asyncio

import vtloop as vt


async def main():
    loop = asyncio.get_running_loop()
    stop = asyncio.Event()
    handles = {}

    def at_tick(n):
        vt.say("call_at", f"tick {n} t={vt.now()}")
        handles["at"] = loop.call_at(n * 0.1 + 0.1, at_tick, n + 1)

    def later_tick(n):
        vt.say("call_later", f"tick {n} t={vt.now()}")
        handles["later"] = loop.call_later(0.1, later_tick, n + 1)

    async def sleeper():
        n = 0
        while not stop.is_set():
            await asyncio.sleep(0.1)
            n += 1
            vt.say("sleeper", f"tick {n} t={vt.now()}")

    handles["at"] = loop.call_at(0.1, at_tick, 1)
    handles["later"] = loop.call_later(0.1, later_tick, 1)
    task = asyncio.create_task(sleeper())
    loop.call_later(0.5, stop.set)
    await stop.wait()
    vt.say("main", f"stop seen t={vt.now()}")
    for h in handles.values():
        h.cancel()
    await task
    vt.say("main", f"sleeper done t={vt.now()}")


asyncio.run(main(), loop_factory=vt.VirtualLoop)
