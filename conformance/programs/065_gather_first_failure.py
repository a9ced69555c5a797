# gather without return_exceptions: the first failure reaches the caller at once; the other
# children are NOT cancelled and keep running.
import asyncio

import vtloop as vt


async def job(name, delay, fail=False):
    await asyncio.sleep(delay)
    if fail:
        vt.say(name, "raises")
        raise ValueError(f"{name} spilled")
    vt.say(name, "finished")
    return name


async def main():
    others = [asyncio.create_task(job("a", 3)), asyncio.create_task(job("b", 4))]
    try:
        await asyncio.gather(others[0], job("bad", 1, fail=True), others[1])
    except ValueError as e:
        vt.say("main", f"gather raised {vt.err(e)}")
    vt.say("main", f"a done={others[0].done()} b done={others[1].done()}")
    await asyncio.sleep(5)
    vt.say("main", f"a={others[0].result()} b={others[1].result()}")


asyncio.run(main(), loop_factory=vt.VirtualLoop)
