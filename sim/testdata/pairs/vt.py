import asyncio, asyncio.base_events as be, selectors, sys

class VTSelector(selectors.BaseSelector):
    def __init__(self, loop): self.loop = loop; self.map = {}
    def register(self, fileobj, events, data=None): pass
    def unregister(self, fileobj): pass
    def select(self, timeout=None):
        if timeout is None:
            self.loop.stop(); self.loop._idle = True
            return []
        if timeout > 0 and self.loop._scheduled:
            self.loop._t = max(self.loop._t, self.loop._scheduled[0]._when)
        return []
    def get_map(self): return self.map
    def close(self): pass

class VTLoop(be.BaseEventLoop):
    def __init__(self):
        super().__init__()
        self._t = 0.0
        self._selector = VTSelector(self)
        self._clock_resolution = 1e-9
    def time(self): return self._t
    def _process_events(self, ev): pass
    def _write_to_self(self): pass

def run(main):
    loop = VTLoop()
    asyncio.set_event_loop(loop)
    try:
        return loop.run_until_complete(main())
    finally:
        loop.close()

def say(who, text):
    t = asyncio.get_running_loop().time()
    ms = int(t*1000 + 0.5)
    print(f"{ms//3600000:02d}:{ms//60000%60:02d}:{ms//1000%60:02d}.{ms%1000:03d} {who}: {text}")

def run_tasks(*coros):
    """Create the tasks at top level, in order, and run until nothing is left."""
    loop = VTLoop()
    asyncio.set_event_loop(loop)
    ts = [loop.create_task(c) for c in coros]
    loop.run_forever()
    return ts
