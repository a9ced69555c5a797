# Failures nobody awaits: a task that fails during the run and is never awaited, and a pending
# task whose cleanup raises during asyncio.run's ending. asyncio.run only logs them (stderr) and
# returns main's result. API, 3.
import asyncio

import vtloop as vt


async def crash():
    await asyncio.sleep(0.5)
    vt.say("crash", "raising")
    raise RuntimeError("nobody listens")


async def messy():
    try:
        await asyncio.sleep(100)
    except asyncio.CancelledError:
        await asyncio.sleep(0.25)
        vt.say("messy", "cleanup fails")
        raise ValueError("spilled milk")


async def main():
    asyncio.create_task(crash(), name="crash")
    asyncio.create_task(messy(), name="messy")
    await asyncio.sleep(1)
    vt.say("main", "returning 42")
    return 42


vt.say("after", f"asyncio.run returned {asyncio.run(main(), loop_factory=vt.VirtualLoop)}")
