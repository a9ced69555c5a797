# The Python docs' Queue example, made deterministic: 9 work items of 0.1-0.3 s pushed at once,
# three workers get/sleep/task_done for ever, main awaits join(), cancels the workers and gathers
# them with return_exceptions; then reports the total slept and the elapsed time.
import asyncio

import vtloop as vt


async def worker(name, queue):
    while True:
        sleep_for = await queue.get()
        await asyncio.sleep(sleep_for)
        queue.task_done()
        vt.say(name, f"has slept for {sleep_for:.2f} seconds")


async def main():
    queue = asyncio.Queue()
    total = 0
    for i in range(9):
        sleep_for = (0.1, 0.2, 0.3)[i * 2 % 3]
        total += sleep_for
        queue.put_nowait(sleep_for)
    tasks = [asyncio.create_task(worker(f"worker-{i}", queue)) for i in range(3)]
    started = asyncio.get_running_loop().time()
    await queue.join()
    elapsed = asyncio.get_running_loop().time() - started
    for task in tasks:
        task.cancel()
    res = await asyncio.gather(*tasks, return_exceptions=True)
    vt.say("main", f"{len(res)} workers cancelled")
    vt.say("main", f"3 workers slept in parallel for {elapsed:.2f} seconds ({elapsed!r})")
    vt.say("main", f"total expected sleep time: {total:.2f} seconds ({total!r})")


asyncio.run(main(), loop_factory=vt.VirtualLoop)
