# Long sleeps: asyncio caps a select timeout at one day, but the virtual clock jumps straight to
# the earliest timer's deadline (rule (b)); hours go past 24 in the transcript (rule (e)).
import asyncio

import vtloop as vt


async def hibernate(name, seconds):
    await asyncio.sleep(seconds)
    vt.say(name, f"woke at {vt.now()!r}")


async def main():
    loop = asyncio.get_running_loop()
    loop.call_later(86400, vt.say, "timer", "one day")
    await asyncio.gather(
        hibernate("weekend", 2 * 86400 + 0.0005),
        hibernate("month", 30 * 86400 + 0.25),
        hibernate("hour", 3599.9995),
    )
    vt.say("main", "done")


asyncio.run(main(), loop_factory=vt.VirtualLoop)
