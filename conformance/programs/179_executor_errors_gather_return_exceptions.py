# Executor jobs that raise: gather(return_exceptions=True) over run_in_executor futures keeps
# argument order; a failing job does not stop the others; a plain gather raises the first.
import asyncio

import vtloop as vt


async def main():
    loop = asyncio.get_running_loop()
    pool = vt.Executor(2)
    fs = [loop.run_in_executor(pool, vt.job(1, "a")),
          loop.run_in_executor(pool, vt.job(0.5, error=ValueError("bad beans"))),
          loop.run_in_executor(pool, vt.job(0.25, "c")),
          loop.run_in_executor(pool, vt.job(0.5, error=OSError("no water")))]
    res = await asyncio.gather(*fs, return_exceptions=True)
    vt.say("main", f"{[vt.err(r) if isinstance(r, BaseException) else r for r in res]}")
    try:
        await asyncio.gather(loop.run_in_executor(pool, vt.job(1, "slow")),
                             loop.run_in_executor(pool, vt.job(0.5, error=KeyError("milk"))))
    except KeyError as e:
        vt.say("main", f"gather raised {vt.err(e)}")
    await asyncio.sleep(1)
    vt.say("main", "done")


asyncio.run(main(), loop_factory=vt.VirtualLoop)
