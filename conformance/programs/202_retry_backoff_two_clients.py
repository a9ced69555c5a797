# Retry with exponential backoff (0.1 * 2**n) and wait_for per attempt: two clients retry a flaky
# service whose latency falls on each call; attempts and backoffs of both clients land on the same
# instants, and one attempt ends exactly at its 0.4 deadline.
import asyncio

import vtloop as vt

calls = 0


async def service():
    global calls
    calls += 1
    latency = [0.8, 0.6, 0.4, 0.4, 0.1, 0.1][calls - 1]
    await asyncio.sleep(latency)
    return f"reply{calls}"


async def client(name):
    for attempt in range(4):
        try:
            reply = await asyncio.wait_for(service(), timeout=0.4)
            vt.say(name, f"attempt {attempt}: {reply}")
            return reply
        except TimeoutError:
            delay = 0.1 * 2 ** attempt
            vt.say(name, f"attempt {attempt} timed out, backing off {delay}")
            await asyncio.sleep(delay)
    raise RuntimeError(f"{name} gave up")


async def main():
    res = await asyncio.gather(client("ann"), client("bob"), return_exceptions=True)
    vt.say("main", f"{[r if isinstance(r, str) else vt.err(r) for r in res]} calls={calls}")


asyncio.run(main(), loop_factory=vt.VirtualLoop)
