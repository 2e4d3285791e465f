-- explanations of 600 different drug-disease pairs (40 compounds x 15 diseases, Hetionet ids), more than the
-- API keeps (512 per model): in this cyclic order every request is computed afresh (paths enumerated, evidence
-- queried where some names the pair). wrk thread n starts its cycle 300 n pairs further on (bench.sh runs 2
-- threads): when both started at the first pair, one thread asked for the pairs the other had just asked for
-- and was answered from the memo or joined the computation in flight
local drugs = {"DB00563", "DB00541", "DB00773", "DB00570", "DB01248", "DB00445", "DB01229", "DB00997", "DB00762",
               "DB01204", "DB01101", "DB00544", "DB06616", "DB01268", "DB00958", "DB00361", "DB00398", "DB01030",
               "DB06589", "DB06772", "DB00970", "DB00530", "DB00444", "DB05294", "DB08881", "DB00694", "DB01259",
               "DB00441", "DB00851", "DB01254", "DB08912", "DB00642", "DB00631", "DB08916", "DB00515", "DB01177",
               "DB00091", "DB00317", "DB08871", "DB04845"}
local diseases = {"DOID:10763", "DOID:1612", "DOID:9970", "DOID:11612", "DOID:3393", "DOID:9352", "DOID:2394",
                  "DOID:2531", "DOID:8893", "DOID:14330", "DOID:1936", "DOID:9744", "DOID:10534", "DOID:363",
                  "DOID:11714"}
local threads = 0
function setup(thread)
  thread:set("id", threads)
  threads = threads + 1
end

local i = nil
request = function()
  if i == nil then
    i = (id or 0) * 300
  end
  local d = i % #drugs + 1
  local s = math.floor(i / #drugs) % #diseases + 1
  i = i + 1
  return wrk.format("GET", "/api/v1/drugs/" .. drugs[d] .. "/diseases/" .. diseases[s] .. "/explanation")
end
