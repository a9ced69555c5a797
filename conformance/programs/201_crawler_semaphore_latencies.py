# A rate-limited "crawler": Semaphore(2) around fetches with simulated latencies; each fetch is
# under wait_for(..., 0.3) and one latency is exactly 0.3 (finishes at the deadline: 3.14 times it
# out); releases and new acquisitions collide at 0.1 + 0.2 and 0.3.
import asyncio

import vtloop as vt

LATENCY = {"a": 0.1, "b": 0.2, "c": 0.3, "d": 0.1, "e": 0.2, "f": 0.5}


async def fetch(url):
    await asyncio.sleep(LATENCY[url])
    return f"<{url}>"


async def crawl(url, sem):
    async with sem:
        vt.say(url, f"start, free={sem._value}")
        try:
            page = await asyncio.wait_for(fetch(url), 0.3)
        except TimeoutError:
            vt.say(url, "timed out")
            return None
        vt.say(url, f"got {page}")
        return page


async def main():
    sem = asyncio.Semaphore(2)
    tasks = [asyncio.create_task(crawl(u, sem), name=u) for u in LATENCY]
    pages = await asyncio.gather(*tasks)
    vt.say("main", f"{pages} at {vt.now()}")


asyncio.run(main(), loop_factory=vt.VirtualLoop)
