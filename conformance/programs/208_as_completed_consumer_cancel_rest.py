# An as_completed consumer over tasks (ties at 0.1 + 0.2 and 0.3 finish in the heap's order):
# it takes the first three results, then cancels the rest; the cancelled ones print in finally.
import asyncio

import vtloop as vt


async def download(name, parts):
    try:
        for p in parts:
            await asyncio.sleep(p)
        return name
    finally:
        if asyncio.current_task().cancelling():
            vt.say(name, "cancelled in finally")


async def main():
    specs = {"x": (0.1, 0.2), "y": (0.3,), "z": (0.2, 0.1), "w": (0.5,), "v": (0.4, 0.1)}
    tasks = [asyncio.create_task(download(n, p), name=n) for n, p in specs.items()]
    got = []
    for fut in asyncio.as_completed(tasks):
        name = await fut
        got.append(name)
        vt.say("main", f"got {name} t={vt.now()}")
        if len(got) == 3:
            break
    for t in tasks:
        if not t.done():
            t.cancel()
    await asyncio.sleep(0)
    vt.say("main", f"{[t.get_name() for t in tasks if t.cancelled()]} cancelled")


asyncio.run(main(), loop_factory=vt.VirtualLoop)
