# A blocking call (time.sleep in a coroutine) with a call_soon pending, timers falling due during
# it (one exactly at its end), and an executor job ending inside it: what runs first afterwards.
import asyncio

import vtloop as vt


async def sleeper(name, seconds):
    await asyncio.sleep(seconds)
    vt.say(name, f"woke at {vt.now()!r}")


async def offload(loop, pool):
    value = await loop.run_in_executor(pool, vt.job(0.6, "soup"))
    vt.say("offload", f"got {value}")


async def blocker(loop):
    loop.call_soon(vt.say, "soon", "queued before the block")
    vt.say("blocker", "blocking 1 s")
    vt.block(1)
    vt.say("blocker", "unblocked")
    loop.call_soon(vt.say, "soon", "queued after the block")
    await asyncio.sleep(0)
    vt.say("blocker", "after sleep(0)")


async def main():
    loop = asyncio.get_running_loop()
    pool = vt.Executor(1)
    ts = [asyncio.create_task(sleeper("half", 0.5)), asyncio.create_task(offload(loop, pool)),
          asyncio.create_task(sleeper("one", 1)), asyncio.create_task(blocker(loop)),
          asyncio.create_task(sleeper("after", 1.25))]
    loop.call_later(0.7, vt.say, "later", "call_later(0.7) fired")
    await asyncio.gather(*ts)


asyncio.run(main(), loop_factory=vt.VirtualLoop)
