# as_completed yields in completion order (ties in the order their done-callbacks ran); with a
# timeout the remaining ones raise TimeoutError.
import asyncio

import vtloop as vt


async def brew(name, seconds):
    await asyncio.sleep(seconds)
    return name


async def main():
    coros = [brew("latte", 3), brew("tea", 1), brew("mocha", 2), brew("water", 1)]
    for next_done in asyncio.as_completed(coros):
        vt.say("main", f"served {await next_done}")
    slow = [brew("cold brew", 10), brew("flat white", 0.5)]
    try:
        for next_done in asyncio.as_completed(slow, timeout=2):
            vt.say("main", f"served {await next_done}")
    except TimeoutError as e:
        vt.say("main", f"as_completed: {vt.err(e)}")


asyncio.run(main(), loop_factory=vt.VirtualLoop)
