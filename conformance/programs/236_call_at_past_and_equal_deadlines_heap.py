# At t=2: call_at in the past (1.0, 0.0, 1.5), call_later(-1), call_at(now), and equal deadlines
# at 2.5 from call_at, call_later and sleeps started in different steps: past ones fire first in
# deadline order, the rest in heapq order. Class 1, API.
import asyncio

import vtloop as vt


async def sleeper(name, d):
    await asyncio.sleep(d)
    vt.say(name, f"woke at {vt.now()}")


async def main():
    loop = asyncio.get_running_loop()
    await asyncio.sleep(2)
    cb = lambda name: lambda: vt.say(name, f"ran at {vt.now()}")
    loop.call_at(2.5, cb("at-2.5-a"))
    s1 = asyncio.create_task(sleeper("sleep-a", 0.5), name="sleep-a")
    loop.call_at(1.0, cb("past-1.0"))
    loop.call_later(0.5, cb("later-0.5-a"))
    loop.call_at(0.0, cb("past-0.0"))
    loop.call_later(-1, cb("later-minus-1"))
    loop.call_at(loop.time(), cb("at-now"))
    loop.call_at(1.5, cb("past-1.5"))
    loop.call_soon(cb("soon"))
    await asyncio.sleep(0)
    vt.say("main", "one hop later")
    loop.call_at(2.5, cb("at-2.5-b"))
    s2 = asyncio.create_task(sleeper("sleep-b", 0.5), name="sleep-b")
    loop.call_later(0.5, cb("later-0.5-b"))
    loop.call_at(1.0, cb("past-1.0-b"))
    await asyncio.sleep(0.5)
    vt.say("main", "woke at 2.5")
    await asyncio.gather(s1, s2)


asyncio.run(main(), loop_factory=vt.VirtualLoop)
