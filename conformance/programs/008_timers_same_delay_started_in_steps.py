# Class 1: tasks sleeping the same delay but starting their sleeps in different iterations and
# orders; their timers land in the heap in push order and come out in heap order.
import asyncio

import vtloop as vt


async def worker(name, hops):
    for _ in range(hops):
        await asyncio.sleep(0)
    vt.say(name, f"sleep 2 after {hops} hops")
    await asyncio.sleep(2)
    vt.say(name, "woke")


async def main():
    hops = [3, 0, 2, 1, 0, 3, 1, 2]
    tasks = [asyncio.create_task(worker(f"w{i}", h)) for i, h in enumerate(hops)]
    await asyncio.wait(tasks)
    vt.say("main", "done")


asyncio.run(main(), loop_factory=vt.VirtualLoop)
