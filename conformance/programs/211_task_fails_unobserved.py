# Tasks that fail and nobody awaits: the program goes on; main looks at them later with done() and
# exception(); a task that awaits a failed task gets its error; one failure is never looked at;
# a pending task's cancellation handler raises during asyncio.run's ending (logged, not raised).
import asyncio

import vtloop as vt


async def boom(name, secs):
    await asyncio.sleep(secs)
    vt.say(name, "raising")
    raise RuntimeError(f"{name} exploded")


async def watcher(t):
    try:
        await t
    except RuntimeError as e:
        vt.say("watcher", f"saw {vt.err(e)}")


async def grumpy():
    try:
        await asyncio.sleep(10)
    except asyncio.CancelledError:
        await asyncio.sleep(0.1)
        vt.say("grumpy", "cleanup raises")
        raise RuntimeError("grumpy cleanup failed")


async def main():
    asyncio.create_task(grumpy())
    a = asyncio.create_task(boom("a", 0.1))
    asyncio.create_task(boom("b", 0.1))
    c = asyncio.create_task(boom("c", 0.2))
    w = asyncio.create_task(watcher(c))
    await asyncio.sleep(0.3)
    vt.say("main", f"a done={a.done()} exc={vt.err(a.exception())}")
    await w
    vt.say("main", "returns normally")


asyncio.run(main(), loop_factory=vt.VirtualLoop)
vt.say("after-run", "asyncio.run returned")
