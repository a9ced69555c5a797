# async for over as_completed(timeout=2): tasks come out as they finish; at the deadline every
# remaining round raises TimeoutError (one per task left), and the tasks themselves keep running
# until awaited. A task done before as_completed starts comes out first, an iteration later.
# Class 6, API.
import asyncio

import vtloop as vt


async def brew(name, seconds):
    await asyncio.sleep(seconds)
    vt.say(name, "ready")
    return name


async def main():
    ready = asyncio.create_task(brew("ready", 0), name="ready")
    await asyncio.sleep(0.5)
    slow = [asyncio.create_task(brew(f"slow{i}", 2 + i), name=f"slow{i}") for i in range(2)]
    fast = asyncio.create_task(brew("fast", 1), name="fast")
    it = asyncio.as_completed([slow[0], ready, fast, slow[1]], timeout=2)
    for rounds in range(4):
        try:
            t = await anext(it)
            vt.say("main", f"round {rounds}: {t.get_name()} -> {t.result()}")
        except TimeoutError:
            vt.say("main", f"round {rounds}: TimeoutError")
    vt.say("main", f"slow0 done={slow[0].done()} slow1 done={slow[1].done()}")
    vt.say("main", f"{await slow[1]} awaited")


asyncio.run(main(), loop_factory=vt.VirtualLoop)
