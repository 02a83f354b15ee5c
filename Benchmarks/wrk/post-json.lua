-- wrk script of the engine benchmark (SPEC §6): POSTs a JSON body of about 300 bytes (298), like a
-- webhook callback, and ends with one machine-readable line the benchmark parses.
--
--   wrk -t2 -c64 -d10s --timeout 30s -s Benchmarks/wrk/post-json.lua URL
--
-- No response() hook: defining one makes wrk parse every answer's headers into Lua, which costs
-- the load generator CPU on this 2-core machine. wrk counts answers >= 400 in errors.status anyway.

wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
wrk.body = '{"order": {"id": 1234, "lines": [{"sku": "A-1", "qty": 2}, {"sku": "B-7", "qty": 1}], '
    .. '"customer": "Ada Lovelace", "total": {"amount": "42.50", "currency": "EUR"}}, '
    .. '"event": "order.created", "note": "benchmark payload of about three hundred bytes, shaped like a real webhook callback", "attempt": 1}'

function done(summary, latency, requests)
    io.write(string.format(
        'WRK_RESULT {"requests": %d, "durationMicroseconds": %d, "bytes": %d, "connectErrors": %d, "readErrors": %d, '
            .. '"writeErrors": %d, "statusErrors": %d, "timeouts": %d, "latencyP50": %d, "latencyP99": %d, "latencyMax": %d}\n',
        summary.requests, summary.duration, summary.bytes, summary.errors.connect, summary.errors.read,
        summary.errors.write, summary.errors.status, summary.errors.timeout,
        latency:percentile(50), latency:percentile(99), latency.max))
end
