# as_completed(timeout=1) with a task finishing at exactly 1 s (its timer pushed before or after
# as_completed's), one at 0.5 s, and async for over tasks (3.13+ yields the tasks themselves).
# Classes 6, 1, API.
import asyncio

import vtloop as vt


async def brew(name, d):
    await asyncio.sleep(d)
    return name


async def main():
    for label, started in (("started", True), ("fresh", False)):
        quick = asyncio.create_task(brew(label + "-quick", 0.5), name=label + "-quick")
        edge = asyncio.create_task(brew(label + "-edge", 1), name=label + "-edge")
        if started:
            await asyncio.sleep(0)
        try:
            async for t in asyncio.as_completed([edge, quick], timeout=1):
                vt.say("main", f"{label}: {t.get_name()} -> {await t}")
        except TimeoutError:
            vt.say("main", f"{label}: TimeoutError, edge done={edge.done()}")
        await asyncio.sleep(0)
        vt.say("main", f"{label}: edge -> {edge.result()}")
    try:
        for f in asyncio.as_completed([asyncio.sleep(0)], timeout=0):
            await f
    except TimeoutError:
        vt.say("main", "timeout=0: TimeoutError")


asyncio.run(main(), loop_factory=vt.VirtualLoop)
