# The default executor (vt.DEFAULT_WORKERS = 4 here, for loop.run_in_executor(None, ...)) and
# set_default_executor with a 1-worker pool: the same six jobs take 2 s and then 6 s.
import asyncio

import vtloop as vt


async def batch(label):
    loop = asyncio.get_running_loop()
    start = loop.time()
    jobs = [loop.run_in_executor(None, vt.job(1, i)) for i in range(6)]
    results = await asyncio.gather(*jobs)
    vt.say("main", f"{label}: {sum(results)} after {loop.time() - start} s")


async def main():
    await batch("default pool")
    asyncio.get_running_loop().set_default_executor(vt.Executor(1))
    await batch("one worker")


asyncio.run(main(), loop_factory=vt.VirtualLoop)
