-- Strings: the decimal numbers 1..N joined by "," into one string
-- (table.concat); prints its length. N from the command line (default 2000000).
local n = tonumber(arg[1]) or 2000000
local parts = {}
for i = 1, n do
  parts[i] = tostring(i)
end
print(#table.concat(parts, ","))
