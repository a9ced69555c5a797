# A task cancels itself, then awaits things already done: a done future, shield(done), wait_for
# (done, 1) and a timeout block pass without yielding; gather(done) and wait([done]) yield, and
# the pending cancel hits them even though the result is there. Class 4.
import asyncio

import vtloop as vt


async def probe(name, make):
    me = asyncio.current_task()
    loop = asyncio.get_running_loop()
    done = loop.create_future()
    done.set_result("ready")
    me.cancel(f"self {name}")
    try:
        r = await make(done)
        vt.say(name, f"passed: {r!r} cancelling={me.cancelling()}")
        await asyncio.sleep(0)
        vt.say(name, "not reached")
    except asyncio.CancelledError as e:
        vt.say(name, f"{vt.err(e)} done={done.done()}")


async def in_timeout(f):
    async with asyncio.timeout(1):
        return await f


async def main():
    probes = {
        "plain": lambda f: f,
        "shield": lambda f: asyncio.shield(f),
        "wait_for": lambda f: asyncio.wait_for(f, 1),
        "timeout": in_timeout,
        "gather": lambda f: asyncio.gather(f),
        "wait": lambda f: asyncio.wait([f]),
    }
    for name, make in probes.items():
        await asyncio.create_task(probe(name, make), name=name)
    vt.say("main", "all probed")


asyncio.run(main(), loop_factory=vt.VirtualLoop)
