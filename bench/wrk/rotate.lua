-- wrk script: GET the request paths of a file (one a line) in turn, with an optional bearer token, and count what
-- came back: answers (200), failures (anything else) and the sum of the "total" field of the answers (people matched),
-- or of the "count" field (GET /api/stats/count).
--   wrk -s bench/wrk/rotate.lua http://127.0.0.1:PORT -- PATHS_FILE [TOKEN]
local threads = {}

function setup(thread)
  table.insert(threads, thread)
  thread:set("id", #threads)
end

function init(args)
  paths = {}
  for line in io.lines(args[1]) do
    if #line > 0 then paths[#paths + 1] = line end
  end
  if args[2] ~= nil and #args[2] > 0 then
    wrk.headers["Authorization"] = "Bearer " .. args[2]
  end
  -- Each thread starts at its own place in the list, so threads do not ask the same thing at the same time.
  index = ((id - 1) * 7919) % #paths
  answers, failures, matches = 0, 0, 0
end

function request()
  index = index % #paths + 1
  return wrk.format("GET", paths[index])
end

function response(status, headers, body)
  if status ~= 200 then
    failures = failures + 1
    return
  end
  answers = answers + 1
  local total = body:match('"total":(%d+)') or body:match('"count":(%d+)')
  if total ~= nil then matches = matches + tonumber(total) end
end

function done(summary, latency, requests)
  local a, f, m = 0, 0, 0
  for _, t in ipairs(threads) do
    a = a + t:get("answers")
    f = f + t:get("failures")
    m = m + t:get("matches")
  end
  io.write(string.format("pantau: answers=%d failures=%d matches=%d\n", a, f, m))
end
