-- wrk's done() hook that writes the run as one JSON line perfdoc reads (format `wrk`):
--   wrk -t2 -c10 -d30s -s contrib/wrk/perfdoc.lua URL > run.txt
-- Times are wrk's own, in microseconds; errors are wrk's counts (status = non-2xx/3xx).
done = function(summary, latency, requests)
  local e = summary.errors
  io.write(string.format(
    '{"tool":"wrk","duration_us":%d,"requests":%d,"errors":{"connect":%d,"read":%d,"write":%d,"status":%d,"timeout":%d},' ..
    '"latency_us":{"mean":%f,"max":%d,"p50":%d,"p75":%d,"p90":%d,"p95":%d,"p99":%d}}\n',
    summary.duration, summary.requests, e.connect, e.read, e.write, e.status, e.timeout,
    latency.mean, latency.max, latency:percentile(50), latency:percentile(75),
    latency:percentile(90), latency:percentile(95), latency:percentile(99)))
end
