-- Functional quicksort: N pseudo-random integers from the LCG
-- x' = (x*1103515245 + 12345) mod 2^31 (seed 42), sorted by a filter-based
-- quicksort that builds new tables; prints the sum of the 10 smallest and
-- the length. N from the command line (default 1000000).
local function qsort(xs)
  local n = #xs
  if n == 0 then return {} end
  local p = xs[1]
  local less, more = {}, {}
  for i = 2, n do
    local x = xs[i]
    if x < p then less[#less + 1] = x end
  end
  for i = 2, n do
    local x = xs[i]
    if x >= p then more[#more + 1] = x end
  end
  local sorted = qsort(less)
  sorted[#sorted + 1] = p
  for _, x in ipairs(qsort(more)) do
    sorted[#sorted + 1] = x
  end
  return sorted
end

local n = tonumber(arg[1]) or 1000000
local xs, x = {}, 42
for i = 1, n do
  x = (x * 1103515245 + 12345) % 2147483648
  xs[i] = x
end
local sorted = qsort(xs)
local sum = 0
for i = 1, math.min(10, #sorted) do sum = sum + sorted[i] end
print(sum .. " " .. #sorted)
