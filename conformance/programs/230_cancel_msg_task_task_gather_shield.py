# cancel("closing") of a task awaiting a task awaiting gather(guard, sleeper), where guard awaits
# shield(fut): the message travels outer -> middle -> gather -> guard and sleeper at once; each
# layer sees it, the shielded future stays pending and is set later. Class 2.
import asyncio

import vtloop as vt


async def layer(name, make):
    try:
        return await make()
    except asyncio.CancelledError as e:
        vt.say(name, f"{vt.err(e)} cancelling={asyncio.current_task().cancelling()}")
        raise


def task(name, make):
    return asyncio.create_task(layer(name, make), name=name)


async def main():
    loop = asyncio.get_running_loop()
    fut = loop.create_future()
    o = task("outer", lambda: task("middle", lambda: asyncio.gather(
        task("guard", lambda: asyncio.shield(fut)),
        task("sleeper", lambda: asyncio.sleep(10)))))
    await asyncio.sleep(1)
    vt.say("main", f"cancel -> {o.cancel('closing')}")
    await asyncio.sleep(0)
    vt.say("main", f"fut done={fut.done()}, outer done={o.done()}")
    loop.call_later(1, fut.set_result, "late cup")
    await asyncio.sleep(0)
    vt.say("main", f"outer cancelled={o.cancelled()}")
    vt.say("main", f"fut -> {await fut}")


asyncio.run(main(), loop_factory=vt.VirtualLoop)
