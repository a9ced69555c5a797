# Executor ties: a job ending at the same instant a timer is due finishes in the select, so its
# result handle is ahead of the timer's in the ready queue; a zero-second job finishes at the next
# select; a job submitted when the only worker frees up starts at that instant.
import asyncio

import vtloop as vt


async def offload(name, pool, seconds):
    loop = asyncio.get_running_loop()
    vt.say(name, f"got {await loop.run_in_executor(pool, vt.job(seconds, name + '-done'))}")


async def sleeper(name, seconds):
    await asyncio.sleep(seconds)
    vt.say(name, "woke")


async def main():
    pool = vt.Executor(1)
    await asyncio.gather(sleeper("timer-1s", 1), offload("job-1s", pool, 1), offload("job-0s", pool, 0),
                         sleeper("timer-1s-b", 1))
    await asyncio.gather(offload("instant", pool, 0), sleeper("zero", 0))


asyncio.run(main(), loop_factory=vt.VirtualLoop)
