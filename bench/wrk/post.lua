-- wrk script: POST the request bodies of a file in turn (each one written as its length in bytes, a newline, and the
-- bytes; see bench/Pantau.Bench prepare), with a content type, an optional bearer token and, for public reports, a
-- reporter token from a file (one a line, rotated) and a unique Idempotency-Key per request. Counts what came back:
-- answers (200 or 201), failures (anything else, the first few statuses printed) and matches: field checks that found
-- the person ("registered":true) and reports that entered the officers' queue ("status":"Verified").
--   wrk -s bench/wrk/post.lua http://127.0.0.1:PORT/api/... -- BODIES_FILE CONTENT_TYPE [TOKEN] [REPORTER_TOKENS_FILE]
local threads = {}

function setup(thread)
  table.insert(threads, thread)
  thread:set("id", #threads)
end

function init(args)
  local f = assert(io.open(args[1], "rb"))
  local data = f:read("*a")
  f:close()
  bodies = {}
  local at = 1
  while at <= #data do
    local nl = data:find("\n", at, true)
    local len = tonumber(data:sub(at, nl - 1))
    bodies[#bodies + 1] = data:sub(nl + 1, nl + len)
    at = nl + len + 1
  end
  headers = { ["Content-Type"] = args[2] }
  if args[3] ~= nil and #args[3] > 0 then headers["Authorization"] = "Bearer " .. args[3] end
  reporters = nil
  if args[4] ~= nil and #args[4] > 0 then
    reporters = {}
    for line in io.lines(args[4]) do
      if #line > 0 then reporters[#reporters + 1] = line end
    end
  end
  path = wrk.path
  index = ((id - 1) * 7919) % #bodies
  rindex = ((id - 1) * 7919) % (reporters and #reporters or 1)
  -- Unique across threads and runs (a warm-up and the measured run are seconds apart).
  math.randomseed(os.time() * 1000 + id)
  prefix = string.format("bench-%d-%d-%d-", os.time(), id, math.random(1, 1000000000))
  sent, answers, failures, matches, shown = 0, 0, 0, 0, 0
end

function request()
  index = index % #bodies + 1
  if reporters ~= nil then
    rindex = rindex % #reporters + 1
    sent = sent + 1
    headers["X-Reporter-Token"] = reporters[rindex]
    headers["Idempotency-Key"] = prefix .. sent
  end
  return wrk.format("POST", path, headers, bodies[index])
end

function response(status, hdrs, body)
  if status ~= 200 and status ~= 201 then
    failures = failures + 1
    if shown < 3 then
      shown = shown + 1
      io.stderr:write(string.format("status %d: %s\n", status, body:sub(1, 300)))
    end
    return
  end
  answers = answers + 1
  if body:find('"registered":true', 1, true) or body:find('"status":"Verified"', 1, true) then matches = matches + 1 end
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
