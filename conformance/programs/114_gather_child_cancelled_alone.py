# gather (without return_exceptions) when one child is cancelled on its own: the awaiting task
# gets a CancelledError although nobody cancelled it (cancelling() stays 0), it can carry on,
# and the other children keep running. A second gather over the same finished children raises
# the cancellation again. Classes 2, API.
import asyncio

import vtloop as vt


async def brew(name, seconds):
    await asyncio.sleep(seconds)
    vt.say(name, "done")
    return name


async def main():
    a = asyncio.create_task(brew("a", 1), name="a")
    b = asyncio.create_task(brew("b", 3), name="b")
    c = asyncio.create_task(brew("c", 2), name="c")
    asyncio.get_running_loop().call_later(1.5, c.cancel, "c is off")
    try:
        await asyncio.gather(a, b, c)
    except asyncio.CancelledError as e:
        me = asyncio.current_task()
        vt.say("main", f"gather raised {vt.err(e)}; cancelling()={me.cancelling()}")
    await asyncio.sleep(0.5)
    vt.say("main", f"b done={b.done()}; sleeping on")
    await asyncio.sleep(2)
    try:
        await asyncio.gather(a, b, c)
    except asyncio.CancelledError as e:
        vt.say("main", f"gather again raised {vt.err(e)}")


asyncio.run(main(), loop_factory=vt.VirtualLoop)
