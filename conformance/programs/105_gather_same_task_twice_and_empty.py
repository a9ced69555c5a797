# gather with the same task twice gives its result twice; gather() of nothing is done at once;
# wait(timeout=0) polls without waiting.
import asyncio

import vtloop as vt


async def brew(seconds):
    await asyncio.sleep(seconds)
    return seconds


async def main():
    t = asyncio.create_task(brew(1), name="brew")
    twice = await asyncio.gather(t, t)
    vt.say("main", f"gather(t, t) -> {len(twice)} results: {twice[0]} {twice[1]}")
    vt.say("main", f"gather() -> {len(await asyncio.gather())} results")
    u = asyncio.create_task(brew(2), name="brew2")
    done, pending = await asyncio.wait([u, t], timeout=0)
    vt.say("main", f"wait(timeout=0): done={len(done)} pending={len(pending)}")
    vt.say("main", f"u -> {await u}")


asyncio.run(main(), loop_factory=vt.VirtualLoop)
