# Class 1: timers due at the same instant come out in heapq order, not FIFO.
# Five tasks sleep the same 1 s; each one's timer is pushed in the order the tasks first run.
import asyncio

import vtloop as vt


async def sleeper(name):
    vt.say(name, "sleep 1")
    await asyncio.sleep(1)
    vt.say(name, "woke")


async def main():
    tasks = [asyncio.create_task(sleeper(f"t{i}"), name=f"t{i}") for i in range(5)]
    await asyncio.gather(*tasks)
    vt.say("main", "all woke")


asyncio.run(main(), loop_factory=vt.VirtualLoop)
