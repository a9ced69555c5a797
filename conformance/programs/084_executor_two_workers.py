# Executor with 2 workers: jobs start in submission order as workers free up; each result comes
# back through a threadsafe handle, and the awaiting task resumes one iteration later.
import asyncio

import vtloop as vt


async def brew(name, loop, pool, seconds):
    vt.say(name, "submitted")
    value = await loop.run_in_executor(pool, vt.job(seconds, f"{name}-cup"))
    vt.say(name, f"got {value}")


async def main():
    loop = asyncio.get_running_loop()
    pool = vt.Executor(2)
    await asyncio.gather(brew("a", loop, pool, 3), brew("b", loop, pool, 1),
                         brew("c", loop, pool, 1), brew("d", loop, pool, 2))
    vt.say("main", "all brewed")


asyncio.run(main(), loop_factory=vt.VirtualLoop)
