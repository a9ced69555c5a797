# Class 1: the paired case of 003: 150 timers, fewer than half cancelled, so the heap is not
# rebuilt; cancelled timers are only dropped when they reach the head.
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
        if n % 3 == 1:
            h.cancel()
            cancelled += 1
    vt.say("main", f"150 timers, {cancelled} cancelled")
    await asyncio.sleep(1.5)
    vt.say("main", f"{len(fired)} fired at 1 s")
    for i in range(0, len(fired), 10):
        vt.say("main", " ".join(str(n) for n in fired[i:i + 10]))
    await asyncio.sleep(2)
    vt.say("main", f"{len(fired)} fired by 3.5 s, last {fired[-1]}")


asyncio.run(main(), loop_factory=vt.VirtualLoop)
