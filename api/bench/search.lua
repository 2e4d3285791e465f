-- entity search, rotating over names, a typo and multi-word queries
local qs = {"metformin", "breast%20cancer", "parkinson", "atorvastatn", "insulin", "hypertension", "BRCA1",
            "lupus", "methotrexate", "asthma"}
local i = 0
request = function()
  i = i % #qs + 1
  return wrk.format("GET", "/api/v1/entities?q=" .. qs[i] .. "&limit=20")
end
