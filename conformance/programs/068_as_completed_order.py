# as_completed yields results in completion order, whatever the argument order; with a timeout
# the ones not done by then raise TimeoutError. (as_completed puts its arguments in a set, so the
# order of ties and of wrapping coroutines into tasks is object identity: tasks, no ties here.)
import asyncio

import vtloop as vt


async def brew(name, seconds):
    await asyncio.sleep(seconds)
    return name


async def main():
    orders = [("latte", 3), ("tea", 1), ("mocha", 2), ("water", 0.5)]
    tasks = [asyncio.create_task(brew(n, s), name=n) for n, s in orders]
    for next_done in asyncio.as_completed(tasks):
        vt.say("main", f"served {await next_done}")
    slow = [asyncio.create_task(brew("cold brew", 10)), asyncio.create_task(brew("flat white", 0.5))]
    try:
        for next_done in asyncio.as_completed(slow, timeout=2):
            vt.say("main", f"served {await next_done}")
    except TimeoutError as e:
        vt.say("main", f"as_completed: {vt.err(e)}")


asyncio.run(main(), loop_factory=vt.VirtualLoop)
