-- Loop: acc' = (acc*31 + i) mod 1000000007 for i in [0, N); N from the command line (default 100000000).
local n = tonumber(arg[1]) or 100000000
local acc = 0
for i = 0, n - 1 do
  acc = (acc * 31 + i) % 1000000007
end
print(acc)
