# Jobs on two workers ending at the same instant as two sleeps and a call_later: the job results
# arrive as handles of that instant, and the awaiting tasks resume an iteration after the sleepers.
import asyncio

import vtloop as vt


async def sleeper(name, seconds):
    await asyncio.sleep(seconds)
    vt.say(name, "woke")


async def offload(name, pool, seconds):
    loop = asyncio.get_running_loop()
    fut = loop.run_in_executor(pool, vt.job(seconds, name))
    fut.add_done_callback(lambda f: vt.say(name, "future done-callback"))
    vt.say(name, f"got {await fut}")


async def main():
    loop = asyncio.get_running_loop()
    pool = vt.Executor(2)
    ts = [asyncio.create_task(offload("jobA", pool, 0.5)), asyncio.create_task(sleeper("s1", 1)),
          asyncio.create_task(offload("jobB", pool, 1)), asyncio.create_task(offload("jobC", pool, 0.5)),
          asyncio.create_task(sleeper("s2", 1))]
    loop.call_later(1, vt.say, "later", "fired")
    await asyncio.gather(*ts)


asyncio.run(main(), loop_factory=vt.VirtualLoop)
