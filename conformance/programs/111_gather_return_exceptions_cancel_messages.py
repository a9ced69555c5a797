# gather(return_exceptions=True) with cancelled children: a cancelled future's entry keeps its
# message, a task cancelled with a message gives a CancelledError without one (the task reset its
# message when it ended), a task that caught the cancel gives its value, and one that failed gives
# its error. The awaiting task itself is not cancelled. Classes 2, 3, API.
import asyncio

import vtloop as vt


async def sleeper(seconds, catch=False):
    try:
        await asyncio.sleep(seconds)
        return f"slept {seconds}"
    except asyncio.CancelledError:
        if catch:
            return "caught"
        raise


async def failer():
    await asyncio.sleep(2)
    raise ValueError("burnt")


async def main():
    loop = asyncio.get_running_loop()
    fut = loop.create_future()
    a = asyncio.create_task(sleeper(5), name="a")
    b = asyncio.create_task(sleeper(5, catch=True), name="b")
    c = asyncio.create_task(failer(), name="c")
    d = asyncio.create_task(sleeper(3), name="d")
    loop.call_later(1, fut.cancel, "no milk")
    loop.call_later(1, a.cancel, "stop a")
    loop.call_later(1.5, b.cancel, "stop b")
    results = await asyncio.gather(fut, a, b, c, d, return_exceptions=True)
    for name, r in zip("fabcd", results):
        vt.say("main", f"{name}: {vt.err(r) if isinstance(r, BaseException) else r}")
    vt.say("main", f"cancelling()={asyncio.current_task().cancelling()}")


asyncio.run(main(), loop_factory=vt.VirtualLoop)
