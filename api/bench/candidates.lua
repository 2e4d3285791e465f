-- top-20 candidates, rotating over Hetionet diseases
local ids = {"DOID:1324", "DOID:9352", "DOID:1612", "DOID:7148", "DOID:10763", "DOID:2377", "DOID:14330",
             "DOID:10652", "DOID:9074", "DOID:8577"}
local i = 0
request = function()
  i = i % #ids + 1
  return wrk.format("GET", "/api/v1/diseases/" .. ids[i] .. "/candidates?limit=20")
end
