# asyncio.to_thread on the default pool (4 workers): six jobs; the task of a queued job and the
# task of a running job are cancelled; the queued job never runs, the running one holds its
# worker to the end, so the sixth job starts only then.
import asyncio

import vtloop as vt


async def work(name, seconds):
    try:
        value = await asyncio.to_thread(vt.job(seconds, name))
        vt.say(name, f"got {value}")
    except asyncio.CancelledError:
        vt.say(name, "cancelled")
        raise


async def main():
    ts = [asyncio.create_task(work(f"t{i}", s)) for i, s in enumerate([1, 3, 1, 2, 1, 1])]
    await asyncio.sleep(0.5)
    ts[1].cancel()
    ts[4].cancel()
    res = await asyncio.gather(*ts, return_exceptions=True)
    vt.say("main", f"{[vt.err(r) if isinstance(r, BaseException) else r for r in res]}")


asyncio.run(main(), loop_factory=vt.VirtualLoop)
