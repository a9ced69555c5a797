# Executor(3) with float job lengths: a worker's next job starts at the float end of its last,
# so ends like 0.1+0.2 and 0.3 differ in the last bit and come out in (end, start) order.
import asyncio

import vtloop as vt


async def brew(name, loop, pool, seconds):
    value = await loop.run_in_executor(pool, vt.job(seconds, name))
    vt.say(name, f"done at {vt.now()!r}")
    return value


async def main():
    loop = asyncio.get_running_loop()
    pool = vt.Executor(3)
    lengths = [0.1, 0.2, 0.3, 0.2, 0.1, 0.1, 0.3, 0.4]
    order = await asyncio.gather(*(brew(f"j{i}", loop, pool, s) for i, s in enumerate(lengths)))
    vt.say("main", f"gather order {order}")


asyncio.run(main(), loop_factory=vt.VirtualLoop)
