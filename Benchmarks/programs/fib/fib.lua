-- Naive recursive Fibonacci; N from the command line (default 38).
local function fib(n)
  if n < 2 then return n end
  return fib(n - 1) + fib(n - 2)
end

local n = tonumber(arg[1]) or 38
print(fib(n))
