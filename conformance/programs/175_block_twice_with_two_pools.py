# Blocking with two executors: jobs of a one-worker pool chain through a block (each starts at
# its predecessor's float end), a two-worker pool's ends land inside and after two blocks in a
# row; block(0) does not yield; results and sleepers due during the blocks run late, in order.
import asyncio

import vtloop as vt


async def offload(name, loop, pool, s):
    v = await loop.run_in_executor(pool, vt.job(s, name))
    vt.say(name, f"got {v} at {vt.now()!r}")


async def sleeper(name, d):
    await asyncio.sleep(d)
    vt.say(name, f"woke at {vt.now()!r}")


async def blocker():
    await asyncio.sleep(0)
    vt.block(0)
    vt.say("blocker", "block(0) returned, block 0.9")
    vt.block(0.9)
    vt.say("blocker", "unblocked")
    vt.block(0.3)
    vt.say("blocker", "unblocked again")


async def main():
    loop = asyncio.get_running_loop()
    pool = vt.Executor(1)
    pool2 = vt.Executor(2)
    ts = [asyncio.create_task(offload(f"j{i}", loop, pool, 0.3)) for i in range(4)]
    ts += [asyncio.create_task(offload(f"k{i}", loop, pool2, s)) for i, s in enumerate([0.9, 0.6, 0.3, 1.2])]
    ts += [asyncio.create_task(sleeper("s09", 0.9)), asyncio.create_task(blocker()),
           asyncio.create_task(sleeper("s12", 1.2)), asyncio.create_task(sleeper("s03", 0.3))]
    await asyncio.gather(*ts)


asyncio.run(main(), loop_factory=vt.VirtualLoop)
