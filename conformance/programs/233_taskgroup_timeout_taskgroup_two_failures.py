# TaskGroup -> task -> timeout -> TaskGroup whose two children fail at the same instant: with the
# deadline later the ExceptionGroup passes through the timeout and fails the outer group; with the
# deadline at that instant (or a hair after, same iteration) the children are cancelled first.
# Classes 10, 6, 2.
import asyncio

import vtloop as vt


async def child(name, d=1):
    try:
        await asyncio.sleep(d)
    except asyncio.CancelledError:
        vt.say(name, "cancelled")
        raise
    vt.say(name, "fails")
    raise ValueError(name)


async def runner(label, deadline):
    async with asyncio.timeout(deadline):
        async with asyncio.TaskGroup() as inner:
            inner.create_task(child(label + "-a"), name=label + "-a")
            inner.create_task(child(label + "-b"), name=label + "-b")


def show(e):
    if isinstance(e, ExceptionGroup):
        return vt.err(e) + " [" + ", ".join(show(x) for x in e.exceptions) + "]"
    return vt.err(e)


async def main():
    for label, deadline in (("later", 2), ("same", 1), ("hair", 1 + 1e-10)):
        try:
            async with asyncio.TaskGroup() as outer:
                outer.create_task(runner(label, deadline), name=label)
                outer.create_task(child(label + "-other", 5), name=label + "-other")
        except ExceptionGroup as eg:
            vt.say("main", f"{label}: {show(eg)}")
        vt.say("main", f"{label}: cancelling={asyncio.current_task().cancelling()}")


asyncio.run(main(), loop_factory=vt.VirtualLoop)
