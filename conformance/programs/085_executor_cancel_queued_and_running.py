# Executor cancellation: a job whose awaiting future is cancelled while still queued never runs;
# a running one finishes on its worker and its result is dropped.
import asyncio

import vtloop as vt

async def main():
    loop = asyncio.get_running_loop()
    pool = vt.Executor(1)
    running = loop.run_in_executor(pool, vt.job(2, "running"))
    queued = loop.run_in_executor(pool, vt.job(1, "queued"))
    after = loop.run_in_executor(pool, vt.job(1, "after"))
    await asyncio.sleep(1)
    vt.say("main", f"cancel running -> {running.cancel()}, cancel queued -> {queued.cancel()}")
    value = await after
    vt.say("main", f"after -> {value} (worker freed at 2 s, queued job skipped)")


asyncio.run(main(), loop_factory=vt.VirtualLoop)
