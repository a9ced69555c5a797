# The heartbeat idiom: `await wait_for(stop.wait(), 0.1)` in a loop, ticking on each TimeoutError.
# stop is set by call_later(0.3) while the third wait_for's deadline is 0.30000000000000004, and a
# second heartbeat uses asyncio.timeout(0.1) with the stop coming from a task at the same instant.
import asyncio

import vtloop as vt


async def heartbeat(name, stop, use_timeout):
    beats = 0
    while not stop.is_set():
        try:
            if use_timeout:
                async with asyncio.timeout(0.1):
                    await stop.wait()
            else:
                await asyncio.wait_for(stop.wait(), 0.1)
        except TimeoutError:
            beats += 1
            vt.say(name, f"beat {beats} t={vt.now()}")
    vt.say(name, f"stopped after {beats} beats")


async def setter(stop):
    await asyncio.sleep(0.6)
    stop.set()
    vt.say("setter", "stop2 set")


async def main():
    stop1, stop2 = asyncio.Event(), asyncio.Event()
    asyncio.get_running_loop().call_later(0.3, stop1.set)
    await asyncio.gather(heartbeat("hb1", stop1, False), heartbeat("hb2", stop2, True), setter(stop2))


asyncio.run(main(), loop_factory=vt.VirtualLoop)
