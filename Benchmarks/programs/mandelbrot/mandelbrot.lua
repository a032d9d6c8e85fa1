-- Mandelbrot: count the points of an N x N grid over [-2, 0.5] x [-1.25, 1.25]
-- that do not escape (|z|^2 > 4) within 50 iterations; N from the command
-- line (default 1200).
local MAX_ITERATIONS = 50

local function escapes(cr, ci)
  local zr, zi = 0.0, 0.0
  for _ = 1, MAX_ITERATIONS do
    zr, zi = zr * zr - zi * zi + cr, 2.0 * zr * zi + ci
    if zr * zr + zi * zi > 4.0 then return true end
  end
  return false
end

local n = tonumber(arg[1]) or 1200
local count = 0
for y = 0, n - 1 do
  local ci = -1.25 + 2.5 * y / n
  for x = 0, n - 1 do
    local cr = -2.0 + 2.5 * x / n
    if not escapes(cr, ci) then count = count + 1 end
  end
end
print(count)
