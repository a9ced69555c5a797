# timeout_at() with an absolute deadline, nested timeouts: the inner one fires first and only it
# turns into TimeoutError; the outer one fires later for the code after it.
import asyncio

import vtloop as vt


async def main():
    loop = asyncio.get_running_loop()
    start = loop.time()
    try:
        async with asyncio.timeout_at(start + 3):
            try:
                async with asyncio.timeout_at(start + 1):
                    await asyncio.sleep(2)
            except TimeoutError:
                vt.say("main", "inner timed out")
            await asyncio.sleep(5)
            vt.say("main", "not reached")
    except TimeoutError:
        vt.say("main", "outer timed out")
    try:
        async with asyncio.timeout_at(start + 1):
            vt.say("main", "deadline already passed")
            await asyncio.sleep(0)
    except TimeoutError:
        vt.say("main", "past deadline fires at the first await")


asyncio.run(main(), loop_factory=vt.VirtualLoop)
