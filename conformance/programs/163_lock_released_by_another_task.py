# asyncio.Lock has no owner: a task may release a lock another task acquired (a gate), and a
# holder that acquires again simply waits (here under wait_for, which times out).
import asyncio

import vtloop as vt


async def passenger(name, gate):
    await gate.acquire()
    vt.say(name, "through the gate")


async def main():
    gate = asyncio.Lock()
    await gate.acquire()
    ps = [asyncio.create_task(passenger(f"p{i}", gate)) for i in range(3)]
    for _ in range(3):
        await asyncio.sleep(1)
        vt.say("main", f"opening, waiters locked={gate.locked()}")
        gate.release()
    await asyncio.gather(*ps)
    try:
        await asyncio.wait_for(gate.acquire(), 0.5)
    except TimeoutError:
        vt.say("main", f"acquire again timed out, locked={gate.locked()}")
    gate.release()
    try:
        gate.release()
    except RuntimeError as e:
        vt.say("main", vt.err(e))


asyncio.run(main(), loop_factory=vt.VirtualLoop)
