# Class 6 and 1: wait_for on a plain future set by a call_at at the deadline instant. Whether the
# setter's timer or wait_for's deadline timer pops first decides the outcome; the setter is
# scheduled before the wait in one case and after it in the other.
import asyncio

import vtloop as vt


async def attempt(name, early_setter):
    loop = asyncio.get_running_loop()
    fut = loop.create_future()
    deadline = loop.time() + 1
    if early_setter:
        loop.call_at(deadline, fut.set_result, "espresso")
    else:
        loop.call_soon(loop.call_at, deadline, fut.set_result, "espresso")
    try:
        vt.say(name, f"got {await asyncio.wait_for(fut, 1)}")
    except TimeoutError:
        vt.say(name, f"TimeoutError, future cancelled={fut.cancelled()}")


async def main():
    await attempt("setter-first", True)
    await attempt("setter-after", False)


asyncio.run(main(), loop_factory=vt.VirtualLoop)
