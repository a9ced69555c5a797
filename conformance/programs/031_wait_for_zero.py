# Class 6: wait_for(x, 0) in 3.14: a coroutine is wrapped in a task and cancelled before it runs
# (TimeoutError); an already finished task's result comes back at once; a task that swallows the
# cancellation returns its value.
import asyncio

import vtloop as vt


async def work(name):
    vt.say(name, "body runs")
    await asyncio.sleep(1)
    return name


async def swallow():
    try:
        await asyncio.sleep(1)
    except asyncio.CancelledError:
        vt.say("swallow", "caught cancel")
        return "kept"


async def main():
    try:
        await asyncio.wait_for(work("coro"), 0)
    except TimeoutError as e:
        vt.say("main", f"coro: {vt.err(e)}")
    done = asyncio.create_task(work("done"))
    await done
    vt.say("main", f"finished task: {await asyncio.wait_for(done, 0)}")
    s = asyncio.create_task(swallow())
    await asyncio.sleep(0)
    vt.say("main", f"swallowing task: {await asyncio.wait_for(s, 0)}")
    try:
        await asyncio.wait_for(work("negative"), -1)
    except TimeoutError as e:
        vt.say("main", f"negative: {vt.err(e)}")


asyncio.run(main(), loop_factory=vt.VirtualLoop)
