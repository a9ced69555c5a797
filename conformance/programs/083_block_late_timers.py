# Blocking (time.sleep inside a coroutine, vt.block here): the whole loop freezes; timers that
# fell due during the block fire late, all in the next iteration, in heap order.
import asyncio

import vtloop as vt


async def ticker(name, period):
    loop = asyncio.get_running_loop()
    for _ in range(3):
        due = loop.time() + period
        await asyncio.sleep(period)
        vt.say(name, f"tick, late by {int((loop.time() - due) * 1000 + 0.5)} ms")


async def blocker():
    await asyncio.sleep(1.2)
    vt.say("blocker", "time.sleep(2) - the loop stops")
    vt.block(2)
    vt.say("blocker", "unblocked")


async def main():
    await asyncio.gather(ticker("fast", 0.5), ticker("slow", 1), blocker())


asyncio.run(main(), loop_factory=vt.VirtualLoop)
