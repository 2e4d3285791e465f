-- explanations of well-known drug-disease pairs (25 paths each, literature evidence looked up)
local pairs = {{"DB00331", "DOID:9352"}, {"DB00563", "DOID:7148"}, {"DB01076", "DOID:10763"},
               {"DB00945", "DOID:1324"}, {"DB00563", "DOID:1612"}, {"DB00316", "DOID:14330"}}
local i = 0
request = function()
  i = i % #pairs + 1
  return wrk.format("GET", "/api/v1/drugs/" .. pairs[i][1] .. "/diseases/" .. pairs[i][2] .. "/explanation")
end
