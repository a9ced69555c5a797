# A consumer with an idle timeout: wait_for(q.get(), 0.3); the producer's gaps are 0.1, 0.3 (an item
# put at the deadline stays in the queue for the next get), 0.2 and then it stops; two idle
# timeouts in a row end the consumer.
import asyncio

import vtloop as vt


async def producer(q):
    for i, gap in enumerate((0.1, 0.3, 0.2, 0.1 + 0.2)):
        await asyncio.sleep(gap)
        q.put_nowait(f"m{i}")
        vt.say("producer", f"put m{i} qsize={q.qsize()}")


async def consumer(q):
    idle = 0
    while idle < 2:
        try:
            msg = await asyncio.wait_for(q.get(), 0.3)
        except TimeoutError:
            idle += 1
            vt.say("consumer", f"idle {idle}, qsize={q.qsize()}")
            continue
        idle = 0
        vt.say("consumer", f"got {msg}")
    return "bye"


async def main():
    q = asyncio.Queue()
    res = await asyncio.gather(producer(q), consumer(q))
    vt.say("main", f"{res} qsize={q.qsize()}")


asyncio.run(main(), loop_factory=vt.VirtualLoop)
