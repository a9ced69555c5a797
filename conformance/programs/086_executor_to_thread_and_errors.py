# asyncio.to_thread uses the default executor (4 workers here); a job that raises delivers its
# exception to the awaiter; gather of five jobs shows the fifth waiting for a free worker.
import asyncio

import vtloop as vt


async def main():
    started = asyncio.get_running_loop().time()
    results = await asyncio.gather(*(asyncio.to_thread(vt.job(1 + i * 0.5, f"r{i}")) for i in range(5)))
    vt.say("main", f"results {' '.join(results)} after {asyncio.get_running_loop().time() - started} s")
    try:
        await asyncio.to_thread(vt.job(0.25, error=OSError("grinder jammed")))
    except OSError as e:
        vt.say("main", f"to_thread raised {vt.err(e)}")


asyncio.run(main(), loop_factory=vt.VirtualLoop)
