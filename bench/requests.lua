-- wrk script: cycles through the requests of a file, one per line:
--   METHOD <TAB> PATH <TAB> BODY        (BODY may be empty)
-- wrk -t1 -c4 -d5s -s bench/requests.lua URL -- FILE
-- done() prints one JSON line for bench/wrk.py to read.

local requests = {}
local index = 0

function init(args)
  local file = assert(io.open(args[1], "r"))
  for line in file:lines() do
    local method, path, body = line:match("^(%u+)\t([^\t]*)\t(.*)$")
    if body == "" then
      body = nil
    end
    requests[#requests + 1] = wrk.format(method, path, nil, body)
  end
  file:close()
end

function request()
  index = index % #requests + 1
  return requests[index]
end

function done(summary, latency, requests)
  local errors = summary.errors
  io.write(string.format(
    '{"requests": %d, "duration_us": %d, "errors": %d, "status_errors": %d, '
      .. '"timeouts": %d, "p50_us": %d, "p99_us": %d, "mean_us": %.1f}\n',
    summary.requests, summary.duration,
    errors.connect + errors.read + errors.write, errors.status, errors.timeout,
    latency:percentile(50), latency:percentile(99), latency.mean
  ))
end
