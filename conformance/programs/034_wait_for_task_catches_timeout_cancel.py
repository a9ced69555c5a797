# Class 6: wait_for on a task that catches the cancellation sent at the deadline and returns a
# value: wait_for returns that value instead of raising TimeoutError.
import asyncio

import vtloop as vt


async def barista():
    try:
        await asyncio.sleep(5)
        return "full cup"
    except asyncio.CancelledError:
        vt.say("barista", "out of time, pouring what is there")
        await asyncio.sleep(0.5)
        return "half cup"


async def main():
    try:
        value = await asyncio.wait_for(barista(), 2)
        vt.say("main", f"wait_for returned {value}")
    except TimeoutError:
        vt.say("main", "TimeoutError")


asyncio.run(main(), loop_factory=vt.VirtualLoop)
