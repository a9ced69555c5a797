# A pending task that, while being cancelled by asyncio.run's ending, creates another task: the
# new one is not in the set being cancelled, so it runs on while the ending waits, and during
# the two coroutines asyncio.run runs next (shutdown_asyncgens, shutdown_default_executor: two
# iterations each); then the loop closes with it still pending. Class API.
import asyncio

import vtloop as vt


async def reporter():
    for i in range(12):
        vt.say("reporter", f"tick {i}")
        await asyncio.sleep(0)


async def worker():
    try:
        await asyncio.sleep(100)
    except asyncio.CancelledError:
        vt.say("worker", "cancelled: starting a reporter")
        asyncio.create_task(reporter(), name="reporter")
        await asyncio.sleep(0)
        await asyncio.sleep(0)
        vt.say("worker", "done")
        raise


async def main():
    asyncio.create_task(worker(), name="worker")
    await asyncio.sleep(1)
    vt.say("main", "returns")


asyncio.run(main(), loop_factory=vt.VirtualLoop)
vt.say("after-run", "closed")
