# block(0) does not yield; two blocks back to back in one step; a timer that fell due during
# the first block still fires late, after the second; sleep-based ticks measure lateness.
import asyncio

import vtloop as vt


async def ticker():
    loop = asyncio.get_running_loop()
    for _ in range(3):
        due = loop.time() + 0.3
        await asyncio.sleep(0.3)
        vt.say("ticker", f"late by {round((loop.time() - due) * 1000)} ms")


async def worker():
    await asyncio.sleep(0.1)
    vt.block(0)
    vt.say("worker", "block(0) returned")
    vt.block(0.25)
    vt.block(0.25)
    vt.say("worker", "blocked twice")
    await asyncio.sleep(0.05)
    vt.say("worker", "slept 0.05")


async def main():
    await asyncio.gather(ticker(), worker())


asyncio.run(main(), loop_factory=vt.VirtualLoop)
