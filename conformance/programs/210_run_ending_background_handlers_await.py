# asyncio.run's ending with pending tasks whose handlers print after distinct waits (set order)
# and await: one awaits another background task, one swallows the cancel and works on.
import asyncio

import vtloop as vt

async def flusher():
    try:
        await asyncio.sleep(60)
    except asyncio.CancelledError:
        await asyncio.sleep(0.3)
        vt.say("flusher", "flushed")
        raise

async def logger(flush_task):
    try:
        await asyncio.sleep(60)
    except asyncio.CancelledError:
        await asyncio.sleep(0.1)
        vt.say("logger", f"waiting for flusher, done={flush_task.done()}")
        try:
            await flush_task
        except asyncio.CancelledError:
            vt.say("logger", "flusher ended cancelled")
        raise

async def stubborn():
    try:
        await asyncio.sleep(60)
    except asyncio.CancelledError:
        await asyncio.sleep(0.2)
        vt.say("stubborn", "ignores the cancel")
    for _ in range(2):
        await asyncio.sleep(0.2)
        vt.say("stubborn", "still working")

async def main():
    f = asyncio.create_task(flusher())
    asyncio.create_task(logger(f))
    asyncio.create_task(stubborn())
    await asyncio.sleep(0.1 + 0.2)
    vt.say("main", "returns")

asyncio.run(main(), loop_factory=vt.VirtualLoop)
vt.say("after-run", "done")
