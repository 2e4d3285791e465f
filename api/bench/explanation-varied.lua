-- explanations of 600 different drug-disease pairs (40 compounds x 15 diseases, Hetionet ids), more than the
-- API keeps (512 per model): in this cyclic order every request is computed afresh (paths enumerated, evidence
-- queried where some names the pair). Run it with ONE wrk thread (bench.sh does): each thread has its own
-- cycle, and with two the threads drift in and out of each other's recent pairs, which the memo then answers
-- (session 4, same code: two threads gave 1,240 to 2,352 requests/s from run to run, with as little as 0.71 ms of
-- API CPU per request; one thread 1,560 requests/s at 1.09 ms)
local drugs = {"DB00563", "DB00541", "DB00773", "DB00570", "DB01248", "DB00445", "DB01229", "DB00997", "DB00762",
               "DB01204", "DB01101", "DB00544", "DB06616", "DB01268", "DB00958", "DB00361", "DB00398", "DB01030",
               "DB06589", "DB06772", "DB00970", "DB00530", "DB00444", "DB05294", "DB08881", "DB00694", "DB01259",
               "DB00441", "DB00851", "DB01254", "DB08912", "DB00642", "DB00631", "DB08916", "DB00515", "DB01177",
               "DB00091", "DB00317", "DB08871", "DB04845"}
local diseases = {"DOID:10763", "DOID:1612", "DOID:9970", "DOID:11612", "DOID:3393", "DOID:9352", "DOID:2394",
                  "DOID:2531", "DOID:8893", "DOID:14330", "DOID:1936", "DOID:9744", "DOID:10534", "DOID:363",
                  "DOID:11714"}
local i = 0
request = function()
  local d = i % #drugs + 1
  local s = math.floor(i / #drugs) % #diseases + 1
  i = i + 1
  return wrk.format("GET", "/api/v1/drugs/" .. drugs[d] .. "/diseases/" .. diseases[s] .. "/explanation")
end
