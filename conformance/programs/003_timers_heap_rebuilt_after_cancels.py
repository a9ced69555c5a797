# Class 1: with more than 100 timers of which more than half are cancelled, _run_once rebuilds
# the heap (heapify of the survivors), which changes the order of the survivors due together.
import asyncio

import vtloop as vt


async def main():
    loop = asyncio.get_running_loop()
    fired = []
    handles = []
    for n in range(150):
        handles.append(loop.call_later(1 + n % 3, fired.append, n))
    cancelled = 0
    for n, h in enumerate(handles):
        if n % 3 != 0:
            h.cancel()
            cancelled += 1
    vt.say("main", f"150 timers, {cancelled} cancelled")
    await asyncio.sleep(1.5)
    vt.say("main", f"{len(fired)} fired at 1 s")
    for i in range(0, len(fired), 10):
        vt.say("main", " ".join(str(n) for n in fired[i:i + 10]))


asyncio.run(main(), loop_factory=vt.VirtualLoop)
